package dev.backprop.network;

import java.util.Arrays;
import java.util.Objects;

/**
 * The shape of a fully-connected feed-forward network and where each layer's parameters live in
 * one flat array.
 *
 * <p>Layer 0 is the input layer; weight layer {@code l} (1-based, {@code 1 <= l <= depth()})
 * connects layer {@code l-1} to layer {@code l}. Its parameters are stored contiguously as the
 * weight matrix in input-major order, {@code W_l[input][neuron]}, followed by the bias vector
 * {@code b_l[neuron]}. Input-major rows let the forward pass and the gradient both run as
 * {@code y[j] += a * x[j]} over a contiguous row, the loop form the JIT vectorizes.
 * {@link #weightIndex} and {@link #biasIndex} are the one place that knows this layout.
 *
 * @param layerSizes neurons per layer, input first; at least two layers, each at least one neuron
 * @param hiddenActivation activation of every hidden layer
 * @param outputActivation activation of the output layer
 */
public record Architecture(int[] layerSizes, Activation hiddenActivation, Activation outputActivation) {

    /** Validates the sizes and copies the array. */
    public Architecture {
        Objects.requireNonNull(layerSizes, "layerSizes");
        Objects.requireNonNull(hiddenActivation, "hiddenActivation");
        Objects.requireNonNull(outputActivation, "outputActivation");
        if (layerSizes.length < 2) {
            throw new IllegalArgumentException(
                    "layers needs at least an input and an output layer, got " + Arrays.toString(layerSizes));
        }
        for (int size : layerSizes) {
            if (size < 1) {
                throw new IllegalArgumentException(
                        "every layer needs at least one neuron, got layers=" + Arrays.toString(layerSizes));
            }
        }
        if (hiddenActivation == Activation.SOFTMAX) {
            throw new IllegalArgumentException("softmax is only allowed on the output layer");
        }
        layerSizes = layerSizes.clone();
    }

    /** Parses {@code 2,2,2} into layer sizes. */
    public static int[] parseLayerSizes(String text) {
        String[] parts = text.split(",");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "layers: '" + parts[i].trim() + "' is not a whole number in '" + text + "'", e);
            }
        }
        return sizes;
    }

    @Override
    public int[] layerSizes() {
        return layerSizes.clone();
    }

    /** Number of weight layers (one less than the number of neuron layers). */
    public int depth() {
        return layerSizes.length - 1;
    }

    /** Neurons in layer {@code layer} (0 is the input layer). */
    public int size(int layer) {
        return layerSizes[layer];
    }

    /** Width of the input layer. */
    public int inputSize() {
        return layerSizes[0];
    }

    /** Width of the output layer. */
    public int outputSize() {
        return layerSizes[layerSizes.length - 1];
    }

    /** Activation of neuron layer {@code layer}, {@code 1 <= layer <= depth()}. */
    public Activation activation(int layer) {
        return layer == depth() ? outputActivation : hiddenActivation;
    }

    /** Offset of {@code W_layer[0][0]} in the flat parameter array. */
    public int weightOffset(int layer) {
        int offset = 0;
        for (int l = 1; l < layer; l++) {
            offset += (layerSizes[l - 1] + 1) * layerSizes[l];
        }
        return offset;
    }

    /** Offset of {@code b_layer[0]} in the flat parameter array. */
    public int biasOffset(int layer) {
        return weightOffset(layer) + layerSizes[layer - 1] * layerSizes[layer];
    }

    /**
     * Index in the flat parameter array of the weight from {@code input} to {@code neuron} of
     * weight layer {@code layer}.
     */
    public int weightIndex(int layer, int neuron, int input) {
        return weightOffset(layer) + input * layerSizes[layer] + neuron;
    }

    /** Index in the flat parameter array of the bias of {@code neuron} in weight layer {@code layer}. */
    public int biasIndex(int layer, int neuron) {
        return biasOffset(layer) + neuron;
    }

    /** Total number of weights and biases. */
    public int parameterCount() {
        return weightOffset(layerSizes.length);
    }

    /** Total number of neurons over all layers, the input layer included. */
    public int neuronCount() {
        int count = 0;
        for (int size : layerSizes) {
            count += size;
        }
        return count;
    }

    /** Offset of layer {@code layer}'s first neuron in a flat per-neuron array of all layers. */
    public int neuronOffset(int layer) {
        int offset = 0;
        for (int l = 0; l < layer; l++) {
            offset += layerSizes[l];
        }
        return offset;
    }

    /** Layer sizes as written in configs, for example {@code 64,32,10}. */
    public String layersText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < layerSizes.length; i++) {
            text.append(i == 0 ? "" : ",").append(layerSizes[i]);
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Architecture that
                && Arrays.equals(layerSizes, that.layerSizes)
                && hiddenActivation == that.hiddenActivation
                && outputActivation == that.outputActivation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(layerSizes), hiddenActivation, outputActivation);
    }

    @Override
    public String toString() {
        return "Architecture[" + layersText() + ", hidden=" + hiddenActivation.configName() + ", output="
                + outputActivation.configName() + "]";
    }
}
