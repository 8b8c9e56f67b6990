package dev.backprop.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Sigmoid and softmax stay finite, and losses after them too, for net inputs of magnitude 1000. */
class ActivationOverflowTest {

    @Test
    void sigmoidOfPlusAndMinusThousandIsOneAndZero() {
        double[] values = {1000.0, -1000.0, 0.0};

        Activation.SIGMOID.apply(values, 0, 3);

        assertArrayEquals(new double[] {1.0, 0.0, 0.5}, values, 0.0);
    }

    @Test
    void softmaxOfThousandsIsFiniteAndSumsToOne() {
        double[] values = {1000.0, 999.0, -1000.0};

        Activation.SOFTMAX.apply(values, 0, 3);

        // exp(0) : exp(-1) : exp(-2000) after shifting by the largest net input.
        double e = Math.exp(-1.0);
        assertEquals(1.0 / (1.0 + e), values[0], 1e-15);
        assertEquals(e / (1.0 + e), values[1], 1e-15);
        assertEquals(0.0, values[2], 0.0);
        assertEquals(1.0, values[0] + values[1] + values[2], 1e-15);
    }

    @Test
    void softmaxOfEqualHugeInputsIsUniform() {
        double[] values = {1000.0, 1000.0, 1000.0, 1000.0};

        Activation.SOFTMAX.apply(values, 0, 4);

        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, values, 0.0);
    }

    @Test
    void crossEntropyAfterSaturatedSigmoidAndSoftmaxStaysFinite() {
        double[] sigmoidOut = {1000.0, -1000.0};
        Activation.SIGMOID.apply(sigmoidOut, 0, 2);
        double[] softmaxOut = {-1000.0, 1000.0};
        Activation.SOFTMAX.apply(softmaxOut, 0, 2);
        double[] wrongTargets = {0.0, 1.0};
        double[] softmaxTargets = {1.0, 0.0};

        double sigmoidError = Loss.CROSS_ENTROPY.error(Activation.SIGMOID, sigmoidOut, 0, wrongTargets, 0, 2);
        double softmaxError = Loss.CROSS_ENTROPY.error(Activation.SOFTMAX, softmaxOut, 0, softmaxTargets, 0, 2);

        assertTrue(Double.isFinite(sigmoidError) && sigmoidError > 0, "sigmoid: " + sigmoidError);
        assertTrue(Double.isFinite(softmaxError) && softmaxError > 0, "softmax: " + softmaxError);
    }
}
