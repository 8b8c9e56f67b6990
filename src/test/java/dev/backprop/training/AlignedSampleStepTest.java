package dev.backprop.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.CacheAlignedCopy;
import dev.backprop.network.Initializer;
import dev.backprop.network.LayerKernels;
import dev.backprop.network.Loss;
import org.junit.jupiter.api.Test;

/**
 * The trainer's per-sample steps on a cache-aligned copy of the weights (used for layers of 16
 * or more neurons), with hidden deltas taken from transposed copies of the upper layers, give
 * bitwise what the same steps give on the parameters themselves.
 */
class AlignedSampleStepTest {

    private static final Architecture DIGITS =
            new Architecture(new int[] {64, 32, 10}, Activation.SIGMOID, Activation.SIGMOID);

    @Test
    void trainerEqualsPlainStepsOnTheParameters() {
        Examples digits = TestDatasets.digits();
        TrainingSettings settings = TrainingSettings.builder().learningRate(0.1).epochs(2).batchSize(1)
                .shuffle(false).build();
        double[] byTrainer = Initializer.referenceOrder(DIGITS, 3L);
        double[] byHand = byTrainer.clone();

        new Trainer(DIGITS, settings, TrainingListener.NONE)
                .train(byTrainer, digits, digits.select(new int[0]));
        Backpropagation workspace = new Backpropagation(DIGITS, Loss.SQUARED_ERROR, 1, LayerKernels.selected());
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int row = 0; row < digits.rows(); row++) {
                workspace.trainSample(byHand, digits, row, 0.1, true);
            }
        }

        assertArrayEquals(byHand, byTrainer);
    }

    @Test
    void transposedCopiesGiveTheStepsOfThePlainWeights() {
        // uneven widths: vector blocks, single vectors and scalar tails in the transposed kernels
        Architecture deep = new Architecture(new int[] {64, 24, 12, 10}, Activation.TANH, Activation.SIGMOID);
        Examples digits = TestDatasets.digits();
        double[] withCopies = Initializer.referenceOrder(deep, 5L);
        double[] plain = withCopies.clone();
        Backpropagation copying = new Backpropagation(deep, Loss.SQUARED_ERROR, 1, LayerKernels.selected());
        Backpropagation reference = new Backpropagation(deep, Loss.SQUARED_ERROR, 1, LayerKernels.scalar());

        copying.beginSamples(withCopies);
        for (int row = 0; row < 400; row++) {
            double error = copying.trainSample(withCopies, digits, row, 0.05, true);
            assertEquals(reference.trainSample(plain, digits, row, 0.05, true), error, 0.0, "error of row " + row);
        }

        assertArrayEquals(plain, withCopies);
    }

    @Test
    void copyRoundTripsAndStartsWithinOneCacheLine() {
        double[] parameters = Initializer.referenceOrder(DIGITS, 4L);
        CacheAlignedCopy copy = CacheAlignedCopy.of(parameters.length);
        double[] back = new double[parameters.length];

        copy.load(parameters);
        copy.store(back);

        assertTrue(copy.offset() >= 0 && copy.offset() < 8, "offset " + copy.offset());
        assertTrue(copy.values().length >= copy.offset() + parameters.length);
        assertEquals(parameters[0], copy.values()[copy.offset()], 0.0);
        assertArrayEquals(parameters, back);
    }
}
