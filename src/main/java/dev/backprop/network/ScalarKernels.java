package dev.backprop.network;

import java.util.Arrays;

/**
 * The {@link LayerKernels} in plain Java: each result element is the documented chain of
 * {@link Math#fma} calls, with loops ordered so the JIT's auto-vectorizer can use vector
 * instructions across neurons. About half as fast as {@link SimdKernels} on wide layers; needs
 * no incubator module.
 */
final class ScalarKernels extends LayerKernels {

    /**
     * Layers narrower than this many neurons take {@link #forwardNarrow} and
     * {@link #descendNarrow}: too narrow for the auto-vectorised loops over neurons, which would
     * store and reload each partial sum.
     */
    static final int NARROW_WIDTH = 8;

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
        if (layer.width() < NARROW_WIDTH) {
            forwardNarrow(layer, parameters, activations, inputs, outputs, false);
        } else {
            forward(layer, parameters, activations, inputs, outputs);
        }
    }

    @Override
    public void forwardSampleActivated(
            DenseLayer layer, double[] parameters, double[] activations, int inputs, int outputs,
            Activation activation) {
        if (layer.width() < NARROW_WIDTH && activation == Activation.SIGMOID) {
            forwardNarrow(layer, parameters, activations, inputs, outputs, true);
        } else {
            super.forwardSampleActivated(layer, parameters, activations, inputs, outputs, activation);
        }
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
        if (layer.width() < NARROW_WIDTH) {
            descendNarrow(layer, parameters, activations, inputs, deltas, outputs, learningRate, updateBiases);
        } else {
            descend(layer, parameters, activations, inputs, deltas, outputs, learningRate, updateBiases);
        }
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

    /**
     * One sample through a narrow layer: four neurons at a time, their chains
     * side by side in registers (a loop over the activation array would store and reload each
     * partial sum), then the rest one at a time. The same chains as {@link #forward};
     * with {@code sigmoid}, each neuron's output {@link Exponential#sigmoid} is stored instead of
     * its net input.
     */
    static void forwardNarrow(
            DenseLayer layer, double[] p, double[] a, int inputs, int outputs, boolean sigmoid) {
        int width = layer.width();
        int inputCount = layer.inputCount();
        int biases = layer.biasOffset();
        int n = 0;
        for (; n + 4 <= width; n += 4) {
            double c0 = p[biases + n];
            double c1 = p[biases + n + 1];
            double c2 = p[biases + n + 2];
            double c3 = p[biases + n + 3];
            for (int k = 0; k < inputCount; k++) {
                double x = a[inputs + k];
                int row = layer.rowOffset(k) + n;
                c0 = Math.fma(x, p[row], c0);
                c1 = Math.fma(x, p[row + 1], c1);
                c2 = Math.fma(x, p[row + 2], c2);
                c3 = Math.fma(x, p[row + 3], c3);
            }
            a[outputs + n] = sigmoid ? Exponential.sigmoid(c0) : c0;
            a[outputs + n + 1] = sigmoid ? Exponential.sigmoid(c1) : c1;
            a[outputs + n + 2] = sigmoid ? Exponential.sigmoid(c2) : c2;
            a[outputs + n + 3] = sigmoid ? Exponential.sigmoid(c3) : c3;
        }
        for (; n < width; n++) {
            double c = p[biases + n];
            for (int k = 0; k < inputCount; k++) {
                c = Math.fma(a[inputs + k], p[layer.rowOffset(k) + n], c);
            }
            a[outputs + n] = sigmoid ? Exponential.sigmoid(c) : c;
        }
    }

    /**
     * {@link #descendSample} for a narrow layer: the steps {@code eta * delta} of four neurons at
     * a time held in registers, then the rest one at a time. The same operations as
     * {@link #descend}.
     */
    static void descendNarrow(
            DenseLayer layer, double[] p, double[] a, int inputs, double[] d, int outputs, double learningRate,
            boolean updateBiases) {
        int width = layer.width();
        int inputCount = layer.inputCount();
        int n = 0;
        for (; n + 4 <= width; n += 4) {
            double step0 = learningRate * d[outputs + n];
            double step1 = learningRate * d[outputs + n + 1];
            double step2 = learningRate * d[outputs + n + 2];
            double step3 = learningRate * d[outputs + n + 3];
            for (int k = 0; k < inputCount; k++) {
                double x = a[inputs + k];
                int row = layer.rowOffset(k) + n;
                p[row] -= step0 * x;
                p[row + 1] -= step1 * x;
                p[row + 2] -= step2 * x;
                p[row + 3] -= step3 * x;
            }
            if (updateBiases) {
                int b = layer.biasOffset() + n;
                p[b] -= step0;
                p[b + 1] -= step1;
                p[b + 2] -= step2;
                p[b + 3] -= step3;
            }
        }
        for (; n < width; n++) {
            double step = learningRate * d[outputs + n];
            for (int k = 0; k < inputCount; k++) {
                p[layer.rowOffset(k) + n] -= step * a[inputs + k];
            }
            if (updateBiases) {
                p[layer.biasOffset() + n] -= step;
            }
        }
    }
}
