package dev.backprop.network;


/**
 * The error a network's outputs make against a sample's targets, and its gradient at the output
 * layer.
 *
 * <p>{@link #SQUARED_ERROR} is the worked example's {@code E = sum_k 1/2 (target_k - out_k)^2}
 * (M. Mazur, "A Step by Step Backpropagation Example", 2015). {@link #CROSS_ENTROPY} is
 * {@code E = -sum_k target_k ln(out_k)} after a softmax output layer, or the binary form
 * {@code -sum_k [t_k ln o_k + (1 - t_k) ln(1 - o_k)]} after a sigmoid output layer; for both
 * pairs the output delta simplifies to {@code out - target}.
 */
public enum Loss {
    /** Half the squared difference, summed over outputs. */
    SQUARED_ERROR,
    /** Cross-entropy; requires a softmax or sigmoid output layer. */
    CROSS_ENTROPY;

    /** Smallest probability fed to ln(), so that a confident wrong answer gives a large, finite error. */
    private static final double SMALLEST_PROBABILITY = 1e-300;

    /**
     * Returns this sample's error, summed over the {@code count} outputs.
     *
     * @param out the output layer's activations, starting at {@code outFrom}
     * @param target the sample's targets, starting at {@code targetFrom}
     */
    public double error(
            Activation outputActivation, double[] out, int outFrom, double[] target, int targetFrom, int count) {
        double error = 0.0;
        for (int k = 0; k < count; k++) {
            double o = out[outFrom + k];
            double t = target[targetFrom + k];
            error += switch (this) {
                case SQUARED_ERROR -> 0.5 * (t - o) * (t - o);
                case CROSS_ENTROPY -> outputActivation == Activation.SOFTMAX
                        ? -t * Math.log(Math.max(o, SMALLEST_PROBABILITY))
                        : -t * Math.log(Math.max(o, SMALLEST_PROBABILITY))
                                - (1.0 - t) * Math.log(Math.max(1.0 - o, SMALLEST_PROBABILITY));
            };
        }
        return error;
    }

    /**
     * Writes {@code delta_k = dE/dnet_k} of each output neuron into {@code delta[deltaFrom ..]}.
     *
     * <p>For squared error, {@code delta_k = -(target_k - out_k) * dout_k/dnet_k}; after a softmax
     * the Jacobian gives {@code delta_k = out_k (g_k - sum_j g_j out_j)} with
     * {@code g = out - target}. For cross-entropy after softmax or sigmoid, {@code delta = out - target}.
     */
    public void outputDeltas(
            Activation outputActivation,
            double[] out,
            int outFrom,
            double[] target,
            int targetFrom,
            double[] delta,
            int deltaFrom,
            int count) {
        if (this == CROSS_ENTROPY) {
            for (int k = 0; k < count; k++) {
                delta[deltaFrom + k] = out[outFrom + k] - target[targetFrom + k];
            }
        } else if (outputActivation == Activation.SOFTMAX) {
            softmaxSquaredErrorDeltas(out, outFrom, target, targetFrom, delta, deltaFrom, count);
        } else {
            for (int k = 0; k < count; k++) {
                double o = out[outFrom + k];
                delta[deltaFrom + k] = -(target[targetFrom + k] - o) * outputActivation.derivativeFromOutput(o);
            }
        }
    }

    private static void softmaxSquaredErrorDeltas(
            double[] out, int outFrom, double[] target, int targetFrom, double[] delta, int deltaFrom, int count) {
        double weightedSum = 0.0;
        for (int k = 0; k < count; k++) {
            double o = out[outFrom + k];
            weightedSum += (o - target[targetFrom + k]) * o;
        }
        for (int k = 0; k < count; k++) {
            double o = out[outFrom + k];
            delta[deltaFrom + k] = o * ((o - target[targetFrom + k]) - weightedSum);
        }
    }

    /**
     * Checks that this loss can follow the given output activation.
     *
     * @throws IllegalArgumentException for cross-entropy after anything but softmax or sigmoid
     */
    public void checkOutputActivation(Activation outputActivation) {
        if (this == CROSS_ENTROPY
                && outputActivation != Activation.SOFTMAX
                && outputActivation != Activation.SIGMOID) {
            throw new IllegalArgumentException("loss=cross_entropy needs output_activation=softmax or sigmoid, not "
                    + outputActivation.configName());
        }
    }

    /** The name used in configuration files, {@code squared_error} or {@code cross_entropy}. */
    public String configName() {
        return ConfigNames.of(this);
    }

    /**
     * Parses a configuration value.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Loss fromConfig(String name) {
        return ConfigNames.parse(Loss.class, "loss", name);
    }
}
