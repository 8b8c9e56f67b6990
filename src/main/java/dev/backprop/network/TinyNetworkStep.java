package dev.backprop.network;

/**
 * The per-sample step of a network with one hidden layer, sigmoid neurons, the squared error and
 * at most four neurons in every layer, inputs included: XOR's 2-4-1 and the worked example's
 * 2-2-2. A sample's neurons and deltas are local variables, written out four by four, where the
 * general step loops over layers, rows and neurons and passes each layer's outputs and deltas
 * through memory; on such networks those loops are most of the work.
 *
 * <p>Every neuron's sum runs over the neurons below it with the same operations in the same order
 * as in {@link LayerKernels}, and every weight is stepped by the same operations, so the result
 * is the same bits as the general step. The variables of the neurons a layer lacks hold zero and
 * are never written to the parameters.
 *
 * <p>Immutable; the parameters it steps belong to the caller.
 */
final class TinyNetworkStep implements SampleStep {

    /** The widest layer taken, inputs included. */
    static final int MAX_WIDTH = 4;

    private final DenseLayer hiddenLayer;
    private final DenseLayer outputLayer;
    private final int inputCount;
    private final int hiddenCount;
    private final int outputCount;

    private TinyNetworkStep(ForwardPass forwardPass) {
        hiddenLayer = forwardPass.layer(1);
        outputLayer = forwardPass.layer(2);
        inputCount = forwardPass.inputSize();
        hiddenCount = forwardPass.layerSize(1);
        outputCount = forwardPass.outputSize();
    }

    /** Whether this step can train {@code forwardPass}'s network with {@code loss}. */
    static boolean fits(ForwardPass forwardPass, Loss loss) {
        return forwardPass.depth() == 2
                && forwardPass.inputSize() <= MAX_WIDTH
                && forwardPass.layerSize(1) <= MAX_WIDTH
                && forwardPass.outputSize() <= MAX_WIDTH
                && forwardPass.activation(1) == Activation.SIGMOID
                && forwardPass.activation(2) == Activation.SIGMOID
                && loss == Loss.SQUARED_ERROR;
    }

    /** A step for {@code forwardPass}'s network if it {@linkplain #fits fits}, else {@code null}. */
    static TinyNetworkStep of(ForwardPass forwardPass, Loss loss) {
        return fits(forwardPass, loss) ? new TinyNetworkStep(forwardPass) : null;
    }

    @Override
    public double train(double[] p, double[] features, int featuresFrom, double[] targets, int targetsFrom,
            double learningRate, boolean updateBiases) {
        double x0 = features[featuresFrom];
        double x1 = inputCount > 1 ? features[featuresFrom + 1] : 0.0;
        double x2 = inputCount > 2 ? features[featuresFrom + 2] : 0.0;
        double x3 = inputCount > 3 ? features[featuresFrom + 3] : 0.0;

        DenseLayer hidden = hiddenLayer;
        double h0 = Exponential.sigmoid(net(p, hidden, 0, inputCount, x0, x1, x2, x3));
        double h1 = hiddenCount > 1 ? Exponential.sigmoid(net(p, hidden, 1, inputCount, x0, x1, x2, x3)) : 0.0;
        double h2 = hiddenCount > 2 ? Exponential.sigmoid(net(p, hidden, 2, inputCount, x0, x1, x2, x3)) : 0.0;
        double h3 = hiddenCount > 3 ? Exponential.sigmoid(net(p, hidden, 3, inputCount, x0, x1, x2, x3)) : 0.0;

        DenseLayer output = outputLayer;
        double o0 = Exponential.sigmoid(net(p, output, 0, hiddenCount, h0, h1, h2, h3));
        double o1 = outputCount > 1 ? Exponential.sigmoid(net(p, output, 1, hiddenCount, h0, h1, h2, h3)) : 0.0;
        double o2 = outputCount > 2 ? Exponential.sigmoid(net(p, output, 2, hiddenCount, h0, h1, h2, h3)) : 0.0;
        double o3 = outputCount > 3 ? Exponential.sigmoid(net(p, output, 3, hiddenCount, h0, h1, h2, h3)) : 0.0;

        // output deltas and the error as Loss computes them
        double t0 = targets[targetsFrom];
        double d0 = outputDelta(t0, o0);
        double error = 0.0 + halfSquare(t0, o0);
        double d1 = 0.0;
        double d2 = 0.0;
        double d3 = 0.0;
        if (outputCount > 1) {
            double t1 = targets[targetsFrom + 1];
            d1 = outputDelta(t1, o1);
            error += halfSquare(t1, o1);
        }
        if (outputCount > 2) {
            double t2 = targets[targetsFrom + 2];
            d2 = outputDelta(t2, o2);
            error += halfSquare(t2, o2);
        }
        if (outputCount > 3) {
            double t3 = targets[targetsFrom + 3];
            d3 = outputDelta(t3, o3);
            error += halfSquare(t3, o3);
        }

        // hidden deltas from the output weights before their update
        double g0 = hiddenDelta(p, 0, h0, d0, d1, d2, d3);
        double g1 = hiddenCount > 1 ? hiddenDelta(p, 1, h1, d0, d1, d2, d3) : 0.0;
        double g2 = hiddenCount > 2 ? hiddenDelta(p, 2, h2, d0, d1, d2, d3) : 0.0;
        double g3 = hiddenCount > 3 ? hiddenDelta(p, 3, h3, d0, d1, d2, d3) : 0.0;

        descend(p, output, hiddenCount, learningRate * d0, learningRate * d1, learningRate * d2,
                learningRate * d3, h0, h1, h2, h3, updateBiases);
        descend(p, hidden, inputCount, learningRate * g0, learningRate * g1, learningRate * g2,
                learningRate * g3, x0, x1, x2, x3, updateBiases);
        return error;
    }

    /**
     * Neuron {@code n}'s net input from the layer's {@code count} inputs:
     * {@code fma(in[count-1], W[count-1][n], ... fma(in0, W[0][n], b[n]))}.
     */
    private static double net(
            double[] p, DenseLayer layer, int n, int count, double in0, double in1, double in2, double in3) {
        double net = Math.fma(in0, p[layer.rowOffset(0) + n], p[layer.biasOffset() + n]);
        if (count > 1) {
            net = Math.fma(in1, p[layer.rowOffset(1) + n], net);
        }
        if (count > 2) {
            net = Math.fma(in2, p[layer.rowOffset(2) + n], net);
        }
        if (count > 3) {
            net = Math.fma(in3, p[layer.rowOffset(3) + n], net);
        }
        return net;
    }

    /** {@code -(t - o) * (o * (1 - o))}, as {@link Loss#outputDeltas} has it for the squared error. */
    private static double outputDelta(double target, double out) {
        return -(target - out) * (out * (1.0 - out));
    }

    private static double halfSquare(double target, double out) {
        return 0.5 * (target - out) * (target - out);
    }

    /**
     * {@code (sum_o W[k][o] d_o) * h (1 - h)} for hidden neuron {@code k}, the sum an fma chain
     * from 0.0 in output order, as in {@link LayerKernels#backpropagateDeltas}.
     */
    private double hiddenDelta(double[] p, int k, double h, double d0, double d1, double d2, double d3) {
        int row = outputLayer.rowOffset(k);
        double sum = Math.fma(p[row], d0, 0.0);
        if (outputCount > 1) {
            sum = Math.fma(p[row + 1], d1, sum);
        }
        if (outputCount > 2) {
            sum = Math.fma(p[row + 2], d2, sum);
        }
        if (outputCount > 3) {
            sum = Math.fma(p[row + 3], d3, sum);
        }
        return sum * (h * (1.0 - h));
    }

    /**
     * {@code W[k][n] -= step_n * in_k} for the layer's {@code rowCount} inputs and
     * {@code b[n] -= step_n}, as LayerKernels steps them.
     */
    private static void descend(double[] p, DenseLayer layer, int rowCount, double step0, double step1,
            double step2, double step3, double in0, double in1, double in2, double in3, boolean updateBiases) {
        int width = layer.width();
        descendRow(p, layer.rowOffset(0), width, in0, step0, step1, step2, step3);
        if (rowCount > 1) {
            descendRow(p, layer.rowOffset(1), width, in1, step0, step1, step2, step3);
        }
        if (rowCount > 2) {
            descendRow(p, layer.rowOffset(2), width, in2, step0, step1, step2, step3);
        }
        if (rowCount > 3) {
            descendRow(p, layer.rowOffset(3), width, in3, step0, step1, step2, step3);
        }
        if (updateBiases) {
            descendRow(p, layer.biasOffset(), width, 1.0, step0, step1, step2, step3);
        }
    }

    /**
     * {@code w[n] -= step_n * in} for the row's {@code width} weights; for the biases {@code in}
     * is 1, and {@code step_n * 1} is exactly {@code step_n}.
     */
    private static void descendRow(
            double[] p, int row, int width, double in, double step0, double step1, double step2, double step3) {
        p[row] -= step0 * in;
        if (width > 1) {
            p[row + 1] -= step1 * in;
        }
        if (width > 2) {
            p[row + 2] -= step2 * in;
        }
        if (width > 3) {
            p[row + 3] -= step3 * in;
        }
    }
}
