package dev.backprop.network;

/**
 * The per-sample step of a network with one hidden layer, sigmoid neurons, the squared error and
 * at most four neurons in every layer, inputs included: XOR's 2-4-1 and the worked example's
 * 2-2-2. A sample's neurons and deltas are local variables, written out four by four, where the
 * general step loops over layers, rows and neurons and passes each layer's outputs and deltas
 * through memory; on such networks those loops are most of the work.
 *
 * <p>The weights are held padded to four rows of four, starting at zero. Every real neuron's sum
 * runs over the real neurons below it, with the same operations in the same order as in
 * {@link LayerKernels}, so the result is the same bits as the general step. The padded neurons'
 * outputs and deltas are zero, so the steps leave the padding zero.
 *
 * <p>Mutable; belongs to one thread.
 */
final class TinyNetworkStep implements SampleStep {

    /** The widest layer taken, inputs included. */
    static final int MAX_WIDTH = 4;

    private static final int HIDDEN_ROWS = 0;
    private static final int HIDDEN_BIASES = 16;
    private static final int OUTPUT_ROWS = 20;
    private static final int OUTPUT_BIASES = 36;

    private final DenseLayer hiddenLayer;
    private final DenseLayer outputLayer;
    private final int inputCount;
    private final int hiddenCount;
    private final int outputCount;
    private final double[] weights = new double[40];

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
    public void load(double[] parameters) {
        copyLayer(parameters, hiddenLayer, inputCount, HIDDEN_ROWS, HIDDEN_BIASES, true);
        copyLayer(parameters, outputLayer, hiddenCount, OUTPUT_ROWS, OUTPUT_BIASES, true);
    }

    @Override
    public void store(double[] parameters) {
        copyLayer(parameters, hiddenLayer, inputCount, HIDDEN_ROWS, HIDDEN_BIASES, false);
        copyLayer(parameters, outputLayer, hiddenCount, OUTPUT_ROWS, OUTPUT_BIASES, false);
    }

    private void copyLayer(
            double[] parameters, DenseLayer layer, int rowCount, int rows, int biases, boolean isLoad) {
        for (int k = 0; k < rowCount; k++) {
            copy(parameters, layer.rowOffset(k), rows + k * MAX_WIDTH, layer.width(), isLoad);
        }
        copy(parameters, layer.biasOffset(), biases, layer.width(), isLoad);
    }

    /** Plain loops: with XOR's epochs of four samples, calls of arraycopy would cost more than a step. */
    private void copy(double[] parameters, int from, int to, int count, boolean isLoad) {
        for (int i = 0; i < count; i++) {
            if (isLoad) {
                weights[to + i] = parameters[from + i];
            } else {
                parameters[from + i] = weights[to + i];
            }
        }
    }

    @Override
    public double train(double[] features, int featuresFrom, double[] targets, int targetsFrom,
            double learningRate, boolean updateBiases) {
        double[] w = weights;
        double x0 = features[featuresFrom];
        double x1 = inputCount > 1 ? features[featuresFrom + 1] : 0.0;
        double x2 = inputCount > 2 ? features[featuresFrom + 2] : 0.0;
        double x3 = inputCount > 3 ? features[featuresFrom + 3] : 0.0;

        double h0 = Exponential.sigmoid(net(w, HIDDEN_ROWS, HIDDEN_BIASES, 0, inputCount, x0, x1, x2, x3));
        double h1 = hiddenCount > 1 ? Exponential.sigmoid(net(w, HIDDEN_ROWS, HIDDEN_BIASES, 1, inputCount, x0, x1, x2, x3)) : 0.0;
        double h2 = hiddenCount > 2 ? Exponential.sigmoid(net(w, HIDDEN_ROWS, HIDDEN_BIASES, 2, inputCount, x0, x1, x2, x3)) : 0.0;
        double h3 = hiddenCount > 3 ? Exponential.sigmoid(net(w, HIDDEN_ROWS, HIDDEN_BIASES, 3, inputCount, x0, x1, x2, x3)) : 0.0;

        double o0 = Exponential.sigmoid(net(w, OUTPUT_ROWS, OUTPUT_BIASES, 0, hiddenCount, h0, h1, h2, h3));
        double o1 = outputCount > 1 ? Exponential.sigmoid(net(w, OUTPUT_ROWS, OUTPUT_BIASES, 1, hiddenCount, h0, h1, h2, h3)) : 0.0;
        double o2 = outputCount > 2 ? Exponential.sigmoid(net(w, OUTPUT_ROWS, OUTPUT_BIASES, 2, hiddenCount, h0, h1, h2, h3)) : 0.0;
        double o3 = outputCount > 3 ? Exponential.sigmoid(net(w, OUTPUT_ROWS, OUTPUT_BIASES, 3, hiddenCount, h0, h1, h2, h3)) : 0.0;

        // output deltas and the error as Loss computes them; the padded outputs' deltas are zero
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

        // hidden deltas from the output weights before their update; a padded neuron's is zero
        double g0 = hiddenDelta(w, 0, h0, d0, d1, d2, d3);
        double g1 = hiddenDelta(w, 1, h1, d0, d1, d2, d3);
        double g2 = hiddenDelta(w, 2, h2, d0, d1, d2, d3);
        double g3 = hiddenDelta(w, 3, h3, d0, d1, d2, d3);

        descend(w, OUTPUT_ROWS, OUTPUT_BIASES, learningRate * d0, learningRate * d1, learningRate * d2,
                learningRate * d3, h0, h1, h2, h3, updateBiases);
        descend(w, HIDDEN_ROWS, HIDDEN_BIASES, learningRate * g0, learningRate * g1, learningRate * g2,
                learningRate * g3, x0, x1, x2, x3, updateBiases);
        return error;
    }

    /**
     * Neuron {@code n}'s net input from the first {@code count} inputs:
     * {@code fma(in[count-1], W[count-1][n], ... fma(in0, W[0][n], b[n]))}.
     */
    private static double net(
            double[] w, int rows, int biases, int n, int count, double in0, double in1, double in2, double in3) {
        double net = Math.fma(in0, w[rows + n], w[biases + n]);
        if (count > 1) {
            net = Math.fma(in1, w[rows + MAX_WIDTH + n], net);
        }
        if (count > 2) {
            net = Math.fma(in2, w[rows + 2 * MAX_WIDTH + n], net);
        }
        if (count > 3) {
            net = Math.fma(in3, w[rows + 3 * MAX_WIDTH + n], net);
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
    private double hiddenDelta(double[] w, int k, double h, double d0, double d1, double d2, double d3) {
        int row = OUTPUT_ROWS + k * MAX_WIDTH;
        double sum = Math.fma(w[row], d0, 0.0);
        if (outputCount > 1) {
            sum = Math.fma(w[row + 1], d1, sum);
        }
        if (outputCount > 2) {
            sum = Math.fma(w[row + 2], d2, sum);
        }
        if (outputCount > 3) {
            sum = Math.fma(w[row + 3], d3, sum);
        }
        return sum * (h * (1.0 - h));
    }

    /** {@code W[k][n] -= step_n * in_k} and {@code b[n] -= step_n}, as LayerKernels steps them. */
    private static void descend(double[] w, int rows, int biases, double step0, double step1, double step2,
            double step3, double in0, double in1, double in2, double in3, boolean updateBiases) {
        descendRow(w, rows, in0, step0, step1, step2, step3);
        descendRow(w, rows + MAX_WIDTH, in1, step0, step1, step2, step3);
        descendRow(w, rows + 2 * MAX_WIDTH, in2, step0, step1, step2, step3);
        descendRow(w, rows + 3 * MAX_WIDTH, in3, step0, step1, step2, step3);
        if (updateBiases) {
            w[biases] -= step0;
            w[biases + 1] -= step1;
            w[biases + 2] -= step2;
            w[biases + 3] -= step3;
        }
    }

    private static void descendRow(
            double[] w, int row, double in, double step0, double step1, double step2, double step3) {
        w[row] -= step0 * in;
        w[row + 1] -= step1 * in;
        w[row + 2] -= step2 * in;
        w[row + 3] -= step3 * in;
    }
}
