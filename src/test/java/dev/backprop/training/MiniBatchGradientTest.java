package dev.backprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.Initializer;
import dev.backprop.network.Loss;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chunked, multi-threaded mini-batch gradient equals the sum of the per-sample gradients
 * computed one sample at a time, and a per-sample gradient matches central finite differences.
 */
class MiniBatchGradientTest {

    private static final long SEED = 20240603L;
    private static final int ROWS = 37; // three chunks of 16, the last one short
    private static final double SUM_RELATIVE_TOLERANCE = 1e-12;
    private static final double FINITE_DIFFERENCE_STEP = 1e-6;
    private static final double FINITE_DIFFERENCE_TOLERANCE = 1e-7;

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of(new int[] {5, 7, 6, 4}, Activation.TANH, Activation.SIGMOID, Loss.SQUARED_ERROR),
                Arguments.of(new int[] {5, 7, 6, 4}, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY),
                Arguments.of(new int[] {5, 9, 4}, Activation.SIGMOID, Activation.SOFTMAX, Loss.SQUARED_ERROR),
                Arguments.of(new int[] {5, 8, 8, 3}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY),
                // wide enough for the vector kernels' blocks: the first layer's gradient reads the
                // feature rows in the shuffled order, the second layer's the sample panels
                Arguments.of(new int[] {20, 32, 40, 3}, Activation.SIGMOID, Activation.SIGMOID, Loss.SQUARED_ERROR));
    }

    @ParameterizedTest(name = "{0} hidden={1} output={2} loss={3}")
    @MethodSource("variants")
    void batchGradientEqualsSumOfPerSampleGradients(
            int[] layers, Activation hidden, Activation output, Loss loss) {
        Architecture architecture = new Architecture(layers, hidden, output);
        Examples examples = randomExamples(architecture, output);
        double[] parameters = Initializer.scaledUniform(architecture, SEED);
        int[] order = shuffledOrder(ROWS);

        double[] expected = new double[parameters.length];
        double[] magnitude = new double[parameters.length];
        Backpropagation single = new Backpropagation(architecture, loss, 1);
        for (int s = 0; s < ROWS; s++) {
            double[] sample = new double[parameters.length];
            single.accumulateChunk(parameters, examples, order, s, 1, sample);
            for (int p = 0; p < parameters.length; p++) {
                expected[p] += sample[p];
                magnitude[p] += Math.abs(sample[p]);
            }
        }

        for (int threads : new int[] {1, 3}) {
            TrainingSettings settings = new TrainingSettings(0.1, 1, ROWS, threads,
                    TrainingSettings.DEFAULT_CHUNK_SIZE, 0, true, false, SEED, loss);
            double[] actual;
            try (MiniBatchTrainer trainer = new MiniBatchTrainer(architecture, settings)) {
                actual = trainer.batchGradient(parameters, examples, order, 0, ROWS);
            }
            for (int p = 0; p < parameters.length; p++) {
                // relative to the summands' magnitude, the scale of any rounding in the sum
                assertEquals(expected[p], actual[p], SUM_RELATIVE_TOLERANCE * magnitude[p],
                        "parameter " + p + " on " + threads + " threads, seed " + SEED);
            }
        }
    }

    @ParameterizedTest(name = "{0} hidden={1} output={2} loss={3}")
    @MethodSource("variants")
    void perSampleGradientMatchesFiniteDifferences(
            int[] layers, Activation hidden, Activation output, Loss loss) {
        Architecture architecture = new Architecture(layers, hidden, output);
        Examples examples = randomExamples(architecture, output);
        double[] parameters = Initializer.scaledUniform(architecture, SEED);
        Backpropagation workspace = new Backpropagation(architecture, loss, 1);
        int[] order = {3};
        double[] gradient = new double[parameters.length];
        workspace.accumulateChunk(parameters, examples, order, 0, 1, gradient);

        for (int p = 0; p < parameters.length; p++) {
            double saved = parameters[p];
            parameters[p] = saved + FINITE_DIFFERENCE_STEP;
            double above = workspace.evaluateSample(parameters, examples, 3);
            parameters[p] = saved - FINITE_DIFFERENCE_STEP;
            double below = workspace.evaluateSample(parameters, examples, 3);
            parameters[p] = saved;
            double numeric = (above - below) / (2 * FINITE_DIFFERENCE_STEP);
            assertEquals(numeric, gradient[p], FINITE_DIFFERENCE_TOLERANCE, "parameter " + p + ", seed " + SEED);
        }
    }

    /** Inputs in [-1, 1) with about one in four exactly zero, to exercise the zero-skipping paths. */
    private static Examples randomExamples(Architecture architecture, Activation output) {
        SplittableRandom random = new SplittableRandom(SEED);
        int inputs = architecture.inputSize();
        int outputs = architecture.outputSize();
        double[] features = new double[ROWS * inputs];
        double[] targets = new double[ROWS * outputs];
        for (int i = 0; i < features.length; i++) {
            features[i] = random.nextInt(4) == 0 ? 0.0 : 2 * random.nextDouble() - 1;
        }
        for (int r = 0; r < ROWS; r++) {
            if (output == Activation.SOFTMAX) {
                targets[r * outputs + random.nextInt(outputs)] = 1.0;
            } else {
                for (int k = 0; k < outputs; k++) {
                    targets[r * outputs + k] = random.nextDouble();
                }
            }
        }
        return new Examples(ROWS, inputs, outputs, features, targets);
    }

    private static int[] shuffledOrder(int rows) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = (i * 17) % rows; // a fixed permutation, since 17 and 37 are coprime
        }
        return order;
    }
}
