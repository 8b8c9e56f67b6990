package dev.backprop.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.Initializer;
import dev.backprop.network.LayerKernels;
import dev.backprop.network.Loss;
import org.junit.jupiter.api.Test;

/**
 * Training with the vector kernels gives bitwise the same weights and errors as with the scalar
 * fallback, so a run does not depend on whether the JVM had {@code jdk.incubator.vector}.
 */
class KernelEquivalenceTest {

    private static final long SEED = 5L;
    private static final int[] DIGITS_LAYERS = {64, 32, 10};

    @Test
    void perSampleDigitsEpochIsBitwiseEqual() {
        LayerKernels simd = simdOrSkip();
        Architecture architecture = new Architecture(DIGITS_LAYERS, Activation.SIGMOID, Activation.SIGMOID);
        Examples digits = TestDatasets.digits();
        double[] bySimd = Initializer.referenceOrder(architecture, SEED);
        double[] byScalar = bySimd.clone();

        double simdError = perSampleEpoch(architecture, simd, bySimd, digits);
        double scalarError = perSampleEpoch(architecture, LayerKernels.scalar(), byScalar, digits);

        assertArrayEquals(byScalar, bySimd);
        assertEquals(Double.doubleToRawLongBits(scalarError), Double.doubleToRawLongBits(simdError));
    }

    @Test
    void miniBatchDigitsEpochIsBitwiseEqual() {
        LayerKernels simd = simdOrSkip();
        Architecture architecture = new Architecture(DIGITS_LAYERS, Activation.TANH, Activation.SOFTMAX);
        Examples digits = TestDatasets.digits();
        TrainingSettings settings = new TrainingSettings(0.05, 1, 100, 2, TrainingSettings.DEFAULT_CHUNK_SIZE, 0,
                true, false, SEED, Loss.CROSS_ENTROPY);
        double[] bySimd = Initializer.referenceOrder(architecture, SEED);
        double[] byScalar = bySimd.clone();

        double simdError = miniBatchEpoch(architecture, settings, simd, bySimd, digits);
        double scalarError = miniBatchEpoch(architecture, settings, LayerKernels.scalar(), byScalar, digits);

        assertArrayEquals(byScalar, bySimd);
        assertEquals(Double.doubleToRawLongBits(scalarError), Double.doubleToRawLongBits(simdError));
    }

    private static double perSampleEpoch(
            Architecture architecture, LayerKernels kernels, double[] parameters, Examples examples) {
        Backpropagation workspace = new Backpropagation(architecture, Loss.SQUARED_ERROR, 1, kernels);
        double error = 0.0;
        for (int row = 0; row < examples.rows(); row++) {
            error += workspace.trainSample(parameters, examples, row, 0.1, true);
        }
        return error;
    }

    private static double miniBatchEpoch(
            Architecture architecture, TrainingSettings settings, LayerKernels kernels, double[] parameters,
            Examples examples) {
        int[] order = new int[examples.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double error = 0.0;
        ParameterUpdate update = new ParameterUpdate(architecture, settings);
        long step = 0;
        try (MiniBatchTrainer trainer = new MiniBatchTrainer(architecture, settings, kernels)) {
            for (int from = 0; from < order.length; from += settings.batchSize()) {
                int rows = Math.min(settings.batchSize(), order.length - from);
                update.begin(settings.learningRate(), 1.0 / rows, ++step);
                error += trainer.trainBatch(parameters, examples, order, from, rows, update);
            }
        }
        return error;
    }

    private static LayerKernels simdOrSkip() {
        assumeTrue(LayerKernels.simd().isPresent(), "JVM started without --add-modules jdk.incubator.vector");
        return LayerKernels.simd().get();
    }
}
