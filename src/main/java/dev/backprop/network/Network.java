package dev.backprop.network;

import java.util.Objects;

/**
 * A trained or initial network: its architecture and its weights and biases.
 *
 * <p>The parameter array is copied in and out, so a {@code Network} is immutable and safe to share
 * between threads. The training loop works on its own flat array instead; see
 * {@link Architecture} for the layout.
 */
public final class Network {

    private final Architecture architecture;
    private final double[] parameters;
    private final ForwardPass forwardPass;

    /**
     * Creates a network from its architecture and a parameter array of matching length.
     *
     * @throws IllegalArgumentException when the array length differs from the parameter count
     */
    public Network(Architecture architecture, double[] parameters) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(parameters, "parameters");
        if (parameters.length != architecture.parameterCount()) {
            throw new IllegalArgumentException("layers=" + architecture.layersText() + " has "
                    + architecture.parameterCount() + " weights and biases, got " + parameters.length);
        }
        this.parameters = parameters.clone();
        this.forwardPass = new ForwardPass(architecture);
    }

    /** The network's shape and activations. */
    public Architecture architecture() {
        return architecture;
    }

    /** A copy of the flat weights and biases. */
    public double[] parameters() {
        return parameters.clone();
    }

    /** The weight from {@code input} of layer {@code layer-1} to {@code neuron} of layer {@code layer}. */
    public double weight(int layer, int neuron, int input) {
        return parameters[architecture.weightIndex(layer, neuron, input)];
    }

    /** The bias of {@code neuron} in layer {@code layer}. */
    public double bias(int layer, int neuron) {
        return parameters[architecture.biasIndex(layer, neuron)];
    }

    /**
     * Returns the output layer's activations for one input vector.
     *
     * @throws IllegalArgumentException when the input is not as wide as the input layer
     */
    public double[] predict(double[] input) {
        if (input.length != architecture.inputSize()) {
            throw new IllegalArgumentException(
                    "input has " + input.length + " values, the input layer " + architecture.inputSize());
        }
        double[] activations = new double[forwardPass.neuronCount()];
        System.arraycopy(input, 0, activations, 0, input.length);
        forwardPass.forward(parameters, activations, 0);

        double[] output = new double[architecture.outputSize()];
        System.arraycopy(activations, forwardPass.outputOffset(), output, 0, output.length);
        return output;
    }
}
