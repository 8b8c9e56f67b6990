package dev.backprop.network;

import java.util.Arrays;

/**
 * The {@link LayerKernels} in plain Java: each result element is the documented chain of
 * {@link Math#fma} calls, with loops ordered so the JIT's auto-vectorizer can use vector
 * instructions across neurons. About half as fast as {@link SimdKernels} on wide layers; needs
 * no incubator module.
 */
final class ScalarKernels extends LayerKernels {

    @Override
    public String name() {
        return "scalar-fma";
    }

    @Override
    public void forwardBlock(
            DenseLayer layer, double[] parameters, WeightPanels.Panel panel, double[] activations, int inputs,
            int outputs, int stride, int count) {
        int s = 0;
        for (; s + 3 < count; s += 4) {
            forward4(layer, parameters, activations, inputs + s * stride, outputs + s * stride, stride);
        }
        for (; s < count; s++) {
            forward(layer, parameters, activations, inputs + s * stride, outputs + s * stride);
        }
    }

    /** Four samples at once, so that each weight row is read once for all four. */
    private static void forward4(
            DenseLayer layer, double[] parameters, double[] activations, int inputs, int outputs, int stride) {
        int width = layer.width();
        for (int s = 0; s < 4; s++) {
            System.arraycopy(parameters, layer.biasOffset(), activations, outputs + s * stride, width);
        }
        int z0 = outputs;
        int z1 = outputs + stride;
        int z2 = outputs + 2 * stride;
        int z3 = outputs + 3 * stride;
        for (int k = 0; k < layer.inputCount(); k++) {
            double x0 = activations[inputs + k];
            double x1 = activations[inputs + stride + k];
            double x2 = activations[inputs + 2 * stride + k];
            double x3 = activations[inputs + 3 * stride + k];
            int row = layer.rowOffset(k);
            for (int n = 0; n < width; n++) {
                double w = parameters[row + n];
                activations[z0 + n] = Math.fma(x0, w, activations[z0 + n]);
                activations[z1 + n] = Math.fma(x1, w, activations[z1 + n]);
                activations[z2 + n] = Math.fma(x2, w, activations[z2 + n]);
                activations[z3 + n] = Math.fma(x3, w, activations[z3 + n]);
            }
        }
    }

    @Override
    public void forwardSample(
            DenseLayer layer, double[] parameters, double[] activations, int inputs, int outputs) {
        forward(layer, parameters, activations, inputs, outputs);
    }

    /** The forward pass of one sample; see {@link LayerKernels#forwardSample}. */
    static void forward(
            DenseLayer layer, double[] parameters, double[] activations, int inputs, int outputs) {
        int width = layer.width();
        int biases = layer.biasOffset();
        // a loop, not System.arraycopy: a call costs more than copying XOR's handful of biases
        for (int n = 0; n < width; n++) {
            activations[outputs + n] = parameters[biases + n];
        }
        for (int k = 0; k < layer.inputCount(); k++) {
            double x = activations[inputs + k];
            int row = layer.rowOffset(k);
            for (int n = 0; n < width; n++) {
                activations[outputs + n] = Math.fma(x, parameters[row + n], activations[outputs + n]);
            }
        }
    }

    @Override
    public void gradientRows(
            DenseLayer layer, double[] activations, int inputs, double[] deltas, int outputs, int stride,
            int samples, int firstRow, int rowCount, double[] sums,
            SamplePanels.Layer panels) {
        int width = layer.width();
        Arrays.fill(sums, 0, rowCount * width, 0.0);
        for (int s = 0; s < samples; s++) {
            int d = outputs + s * stride;
            for (int r = 0; r < rowCount; r++) {
                int k = firstRow + r;
                double x = k < layer.inputCount() ? activations[inputs + s * stride + k] : 1.0;
                int sum = r * width;
                for (int n = 0; n < width; n++) {
                    sums[sum + n] = Math.fma(x, deltas[d + n], sums[sum + n]);
                }
            }
        }
    }

    @Override
    public void descendSample(
            DenseLayer layer, double[] parameters, double[] activations, int inputs, double[] deltas, int outputs,
            double learningRate, boolean updateBiases) {
        descend(layer, parameters, activations, inputs, deltas, outputs, learningRate, updateBiases);
    }

    /** See {@link LayerKernels#descendSample}. */
    static void descend(
            DenseLayer layer, double[] parameters, double[] activations, int inputs, double[] deltas, int outputs,
            double learningRate, boolean updateBiases) {
        int width = layer.width();
        for (int k = 0; k < layer.inputCount(); k++) {
            double x = activations[inputs + k];
            int row = layer.rowOffset(k);
            for (int n = 0; n < width; n++) {
                parameters[row + n] -= (learningRate * deltas[outputs + n]) * x;
            }
        }
        if (updateBiases) {
            int biases = layer.biasOffset();
            for (int n = 0; n < width; n++) {
                parameters[biases + n] -= learningRate * deltas[outputs + n];
            }
        }
    }
}
