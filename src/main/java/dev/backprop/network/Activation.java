package dev.backprop.network;


/**
 * The activation function applied to each neuron's net input.
 *
 * <p>Activations work in place on a slice of a flat array, so the training loop allocates nothing.
 * Derivatives are expressed through the neuron's output {@code out = f(net)}, which is what
 * backpropagation has at hand: for the sigmoid, {@code dout/dnet = out (1 - out)} as in the
 * worked example.
 *
 * <p>{@link #SOFTMAX} couples the neurons of a layer and is only allowed on the output layer; its
 * derivative is handled together with the loss in {@link Loss#outputDeltas}.
 */
public enum Activation {
    /**
     * Logistic sigmoid, {@code 1 / (1 + e^-net)}; the default and the worked example's. The
     * exponential is the project's own (see {@link Exponential}), so that the vector kernels can
     * compute it eight neurons at a time with the same bits.
     */
    SIGMOID,
    /** Hyperbolic tangent. */
    TANH,
    /** Rectified linear unit, {@code max(0, net)}. */
    RELU,
    /** The identity, for regression outputs. */
    IDENTITY,
    /** Softmax over the whole layer; output layer only. */
    SOFTMAX;

    /**
     * Replaces {@code values[from .. from+count)} (net inputs) by the neurons' outputs.
     *
     * <p>Never overflows: the sigmoid of -1000 is 0 and of +1000 is 1, and softmax subtracts the
     * largest net input before exponentiating.
     */
    public void apply(double[] values, int from, int count) {
        int end = from + count;
        switch (this) {
            case SIGMOID -> {
                for (int i = from; i < end; i++) {
                    values[i] = Exponential.sigmoid(values[i]);
                }
            }
            case TANH -> {
                for (int i = from; i < end; i++) {
                    values[i] = Math.tanh(values[i]);
                }
            }
            case RELU -> {
                for (int i = from; i < end; i++) {
                    values[i] = Math.max(0.0, values[i]);
                }
            }
            case IDENTITY -> {
                // nothing to do: out = net
            }
            case SOFTMAX -> applySoftmax(values, from, end);
        }
    }

    private static void applySoftmax(double[] values, int from, int end) {
        double largest = Double.NEGATIVE_INFINITY;
        for (int i = from; i < end; i++) {
            largest = Math.max(largest, values[i]);
        }

        // Shifting by the largest net input keeps exp() at or below 1, so it cannot overflow.
        double sum = 0.0;
        for (int i = from; i < end; i++) {
            values[i] = Math.exp(values[i] - largest);
            sum += values[i];
        }
        double inverse = 1.0 / sum;
        for (int i = from; i < end; i++) {
            values[i] *= inverse;
        }
    }

    /**
     * Returns {@code dout/dnet} of one neuron given its output.
     *
     * @throws UnsupportedOperationException for {@link #SOFTMAX}, whose derivative is a Jacobian
     */
    public double derivativeFromOutput(double out) {
        return switch (this) {
            case SIGMOID -> out * (1.0 - out);
            case TANH -> 1.0 - out * out;
            case RELU -> out > 0.0 ? 1.0 : 0.0;
            case IDENTITY -> 1.0;
            case SOFTMAX -> throw new UnsupportedOperationException("softmax has a Jacobian, not a derivative");
        };
    }

    /**
     * Multiplies {@code values[valuesFrom + i]} by {@code dout/dnet} of the neuron whose output is
     * {@code outputs[outputsFrom + i]}, for {@code 0 <= i < count}: bitwise the same as
     * {@code values[..] *= derivativeFromOutput(out)}, with the choice of function made once per
     * call instead of once per neuron.
     *
     * @throws UnsupportedOperationException for {@link #SOFTMAX}
     */
    public void scaleByDerivative(double[] outputs, int outputsFrom, double[] values, int valuesFrom, int count) {
        switch (this) {
            case SIGMOID -> {
                for (int i = 0; i < count; i++) {
                    double out = outputs[outputsFrom + i];
                    values[valuesFrom + i] *= out * (1.0 - out);
                }
            }
            case TANH -> {
                for (int i = 0; i < count; i++) {
                    double out = outputs[outputsFrom + i];
                    values[valuesFrom + i] *= 1.0 - out * out;
                }
            }
            case RELU -> {
                for (int i = 0; i < count; i++) {
                    values[valuesFrom + i] *= outputs[outputsFrom + i] > 0.0 ? 1.0 : 0.0;
                }
            }
            case IDENTITY -> {
                // dout/dnet = 1: nothing to scale
            }
            case SOFTMAX -> throw new UnsupportedOperationException("softmax has a Jacobian, not a derivative");
        }
    }

    /** The name used in configuration files and outputs, for example {@code sigmoid}. */
    public String configName() {
        return ConfigNames.of(this);
    }

    /**
     * Parses a configuration value such as {@code sigmoid} or {@code ReLU}.
     *
     * @throws IllegalArgumentException naming the allowed values when {@code name} is not one
     */
    public static Activation fromConfig(String name) {
        return ConfigNames.parse(Activation.class, "activation", name);
    }
}
