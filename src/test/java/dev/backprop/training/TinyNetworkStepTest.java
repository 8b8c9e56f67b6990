package dev.backprop.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.ForwardPass;
import dev.backprop.network.Initializer;
import dev.backprop.network.LayerKernels;
import dev.backprop.network.Loss;
import dev.backprop.network.SampleStep;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The step specialised for networks of one hidden layer and at most four neurons per layer
 * (taken between {@code beginSamples} and {@code endSamples}) gives bitwise the weights and
 * errors of the general per-sample step, for every width from one to four, and is taken only for
 * the networks it computes.
 */
class TinyNetworkStepTest {

    @ParameterizedTest(name = "{0}-{1}-{2}, biases updated: {3}")
    @CsvSource({
        "2, 4, 1, true", "2, 2, 2, true", "1, 1, 1, true", "4, 4, 4, true", "3, 4, 2, true", "4, 3, 4, true",
        "2, 4, 1, false", "4, 2, 3, false"
    })
    void givesTheBitsOfTheGeneralStep(int inputs, int hidden, int outputs, boolean updateBiases) {
        Architecture architecture =
                new Architecture(new int[] {inputs, hidden, outputs}, Activation.SIGMOID, Activation.SIGMOID);
        Examples examples = randomExamples(inputs, outputs, 16, 7L * inputs + hidden);
        double[] specialised = Initializer.referenceOrder(architecture, 11L);
        double[] general = specialised.clone();
        Backpropagation tiny = new Backpropagation(architecture, Loss.SQUARED_ERROR, 1, LayerKernels.scalar());
        Backpropagation reference = new Backpropagation(architecture, Loss.SQUARED_ERROR, 1, LayerKernels.scalar());

        for (int epoch = 0; epoch < 50; epoch++) {
            tiny.beginSamples(specialised);
            for (int row = 0; row < examples.rows(); row++) {
                double error = tiny.trainSample(specialised, examples, row, 0.7, updateBiases);
                double expected = reference.trainSample(general, examples, row, 0.7, updateBiases);
                assertEquals(expected, error, 0.0, "error of epoch " + epoch + ", row " + row);
            }
            tiny.endSamples();
            assertArrayEquals(general, specialised, "weights after epoch " + epoch);
        }
        assertNotEquals(Initializer.referenceOrder(architecture, 11L)[0], general[0], "the weights moved");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "two hidden layers, 2-3-3-1, SIGMOID, SQUARED_ERROR",
        "five inputs, 5-4-1, SIGMOID, SQUARED_ERROR",
        "five hidden neurons, 2-5-1, SIGMOID, SQUARED_ERROR",
        "tanh hidden layer, 2-4-1, TANH, SQUARED_ERROR",
        "cross-entropy, 2-4-1, SIGMOID, CROSS_ENTROPY"
    })
    void isOnlyTakenForTheNetworksItComputes(String name, String shape, Activation hidden, Loss loss) {
        int[] sizes = Arrays.stream(shape.split("-")).mapToInt(Integer::parseInt).toArray();
        ForwardPass forwardPass =
                new ForwardPass(new Architecture(sizes, hidden, Activation.SIGMOID), LayerKernels.scalar(), 0);
        assertNull(SampleStep.specialisedFor(forwardPass, loss), name);
    }

    @Test
    void isTakenForXorAndTheWorkedExample() {
        for (int[] sizes : new int[][] {{2, 4, 1}, {2, 2, 2}}) {
            Architecture architecture = new Architecture(sizes, Activation.SIGMOID, Activation.SIGMOID);
            assertNotNull(SampleStep.specialisedFor(new ForwardPass(architecture), Loss.SQUARED_ERROR),
                    Arrays.toString(sizes));
        }
    }

    private static Examples randomExamples(int inputs, int outputs, int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] features = random.doubles((long) rows * inputs, -2.0, 2.0).toArray();
        double[] targets = random.doubles((long) rows * outputs, 0.0, 1.0).toArray();
        return new Examples(rows, inputs, outputs, features, targets);
    }
}
