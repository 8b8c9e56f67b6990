package dev.backprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.Initializer;
import dev.backprop.network.Loss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Finite differences against the trainer's gradients and the trace's reference gradients, for
 * every activation and loss, on three iris rows with seeded weights (seed 11). ReLU is checked on
 * weights where no hidden net input lies within the finite-difference step of its kink at 0.
 */
class GradientCheckTest {

    private static final double TOLERANCE = 1e-6;

    @ParameterizedTest(name = "{0}/{1} {2}")
    @CsvSource({
        "sigmoid, sigmoid, squared_error",
        "tanh, sigmoid, squared_error",
        "relu, sigmoid, squared_error",
        "identity, identity, squared_error",
        "tanh, tanh, squared_error",
        "sigmoid, identity, squared_error",
        "sigmoid, softmax, squared_error",
        "relu, softmax, cross_entropy",
        "sigmoid, softmax, cross_entropy",
        "tanh, sigmoid, cross_entropy",
    })
    void analyticGradientsMatchFiniteDifferences(String hidden, String output, String lossName) {
        Architecture architecture = new Architecture(new int[] {4, 6, 5, 3}, Activation.fromConfig(hidden),
                Activation.fromConfig(output));
        Loss loss = Loss.fromConfig(lossName);
        Examples rows = TestDatasets.iris().select(new int[] {0, 60, 120});
        double[] parameters = Initializer.scaledUniform(architecture, 11);
        GradientCheck check = new GradientCheck(architecture, loss);

        GradientCheck.Result trainer = check.check(parameters, rows, check.trainerGradient(), 10_000, 1);
        ReferenceBackprop reference = new ReferenceBackprop(architecture, loss);
        GradientCheck.Result traced = check.check(parameters, rows, referenceGradient(reference), 10_000, 1);

        assertEquals(architecture.parameterCount(), trainer.parametersChecked());
        assertTrue(trainer.largestDifference() < TOLERANCE, "trainer: " + trainer);
        assertTrue(traced.largestDifference() < TOLERANCE, "reference: " + traced);
    }

    @Test
    void brokenDerivativeIsCaught() {
        Architecture architecture = new Architecture(new int[] {4, 6, 3}, Activation.SIGMOID, Activation.SIGMOID);
        Examples rows = TestDatasets.iris().select(new int[] {0, 60, 120});
        double[] parameters = Initializer.scaledUniform(architecture, 11);
        // out instead of out (1 - out): a typical slip when writing a sigmoid's derivative.
        ReferenceBackprop broken = new ReferenceBackprop(architecture, Loss.SQUARED_ERROR,
                (activation, out) -> activation == Activation.SIGMOID ? out : activation.derivativeFromOutput(out));

        GradientCheck.Result result = new GradientCheck(architecture, Loss.SQUARED_ERROR)
                .check(parameters, rows, referenceGradient(broken), 10_000, 1);

        assertTrue(result.largestDifference() > 1e-2, result.toString());
    }

    @Test
    void largeNetworksAreSampled() {
        Architecture architecture = new Architecture(new int[] {4, 50, 3}, Activation.TANH, Activation.SOFTMAX);
        GradientCheck check = new GradientCheck(architecture, Loss.CROSS_ENTROPY);
        GradientCheck.Result result = check.check(Initializer.scaledUniform(architecture, 3),
                TestDatasets.iris().select(new int[] {5}), check.trainerGradient(), 40, 9);

        assertEquals(40, result.parametersChecked());
        assertTrue(result.largestDifference() < TOLERANCE, result.toString());
    }

    /** The reference pass's gradients summed over the rows, as a gradient under test. */
    static GradientCheck.GradientFunction referenceGradient(ReferenceBackprop reference) {
        return (parameters, examples) -> {
            double[] sum = new double[parameters.length];
            for (int row = 0; row < examples.rows(); row++) {
                double[] input = java.util.Arrays.copyOfRange(examples.features(), row * examples.featureCount(),
                        (row + 1) * examples.featureCount());
                double[] target = java.util.Arrays.copyOfRange(examples.targets(), row * examples.targetCount(),
                        (row + 1) * examples.targetCount());
                double[] gradient = reference.step(parameters, input, target).gradient();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += gradient[i];
                }
            }
            return sum;
        };
    }
}
