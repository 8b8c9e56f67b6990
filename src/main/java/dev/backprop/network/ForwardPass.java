package dev.backprop.network;

import java.util.Objects;

/**
 * The forward pass of one architecture over flat arrays, with the layer offsets computed once.
 *
 * <p>Activations of all layers of one sample live in one array slice of
 * {@link Architecture#neuronCount()} values, input layer first; the caller writes the sample's
 * features into the first {@link Architecture#inputSize()} slots. For neuron {@code j} of layer
 * {@code l} the pass computes {@code net_j = b_j + sum_i w_ij out_i} (summed in input order) and
 * stores {@code out_j = f(net_j)} in its slot.
 *
 * <p>The products run in {@link LayerKernels}, as chains of fused multiply-adds over contiguous
 * rows of the input-major weight matrix. Instances are immutable and may be shared between
 * threads; the arrays passed in belong to the caller.
 */
public final class ForwardPass {

    final int depth;
    final int neuronCount;
    final int[] sizes;
    final int[] neuronOffsets;
    final int[] weightOffsets;
    final int[] biasOffsets;
    final Activation[] activations;
    final DenseLayer[] layers;
    final LayerKernels kernels;

    /** Precomputes the offsets of {@code architecture}; computes with {@link LayerKernels#selected()}. */
    public ForwardPass(Architecture architecture) {
        this(architecture, LayerKernels.selected());
    }

    /** Precomputes the offsets of {@code architecture}; computes with {@code kernels}. */
    public ForwardPass(Architecture architecture, LayerKernels kernels) {
        this(architecture, kernels, 0);
    }

    /**
     * Precomputes the offsets of {@code architecture} for parameters that start at
     * {@code parameterOffset} of the arrays passed in (a {@link CacheAlignedCopy}); computes with
     * {@code kernels}.
     */
    public ForwardPass(Architecture architecture, LayerKernels kernels, int parameterOffset) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        depth = architecture.depth();
        neuronCount = architecture.neuronCount();
        sizes = architecture.layerSizes();
        neuronOffsets = new int[depth + 1];
        weightOffsets = new int[depth + 1];
        biasOffsets = new int[depth + 1];
        activations = new Activation[depth + 1];
        layers = new DenseLayer[depth + 1];
        for (int layer = 0; layer <= depth; layer++) {
            neuronOffsets[layer] = architecture.neuronOffset(layer);
            if (layer > 0) {
                weightOffsets[layer] = parameterOffset + architecture.weightOffset(layer);
                biasOffsets[layer] = parameterOffset + architecture.biasOffset(layer);
                activations[layer] = architecture.activation(layer);
                layers[layer] = new DenseLayer(weightOffsets[layer], biasOffsets[layer], sizes[layer - 1],
                        sizes[layer]);
            }
        }
    }

    /** Number of activation slots one sample needs. */
    public int neuronCount() {
        return neuronCount;
    }

    /** Offset of the output layer's first neuron within one sample's activation slice. */
    public int outputOffset() {
        return neuronOffsets[depth];
    }

    /** Width of the output layer. */
    public int outputSize() {
        return sizes[depth];
    }

    /** Width of the input layer. */
    public int inputSize() {
        return sizes[0];
    }

    /** Number of weight layers. */
    public int depth() {
        return depth;
    }

    /** Neurons in layer {@code layer}, 0 being the input layer. */
    public int layerSize(int layer) {
        return sizes[layer];
    }

    /** Offset of layer {@code layer}'s first neuron within one sample's activation slice. */
    public int neuronOffset(int layer) {
        return neuronOffsets[layer];
    }

    /** Offset of weight layer {@code layer}'s weight matrix in the flat parameters. */
    public int weightOffset(int layer) {
        return weightOffsets[layer];
    }

    /** Offset of weight layer {@code layer}'s biases in the flat parameters. */
    public int biasOffset(int layer) {
        return biasOffsets[layer];
    }

    /** Activation of neuron layer {@code layer}, {@code 1 <= layer <= depth()}. */
    public Activation activation(int layer) {
        return activations[layer];
    }

    /** Weight layer {@code layer}'s place in the flat parameters, {@code 1 <= layer <= depth()}. */
    public DenseLayer layer(int layer) {
        return layers[layer];
    }

    /** The kernels this pass computes with. */
    public LayerKernels kernels() {
        return kernels;
    }

    /**
     * Runs one sample forward.
     *
     * @param parameters the flat weights and biases
     * @param activations the sample's slice, input already written at {@code base}
     * @param base offset of the sample's slice in {@code activations}
     */
    public void forward(double[] parameters, double[] activations, int base) {
        for (int layer = 1; layer <= depth; layer++) {
            int outputs = base + neuronOffsets[layer];
            kernels.forwardSampleActivated(layers[layer], parameters, activations, base + neuronOffsets[layer - 1],
                    outputs, this.activations[layer]);
        }
    }

    /**
     * Runs {@code count} samples forward together, sample {@code s} in the slice of
     * {@link #neuronCount()} slots starting at {@code (firstSlot + s) * neuronCount()}.
     *
     * <p>The kernel keeps a block of samples' net inputs in registers while it reads each weight
     * row once for all of them (see {@link LayerKernels#forwardBlock}). Each net input is summed
     * in input order whatever block its sample falls in, so the result of a sample does not
     * depend on {@code firstSlot} or {@code count}. Calls on disjoint slot ranges of one array may
     * run on different threads at once.
     */
    public void forwardChunk(double[] parameters, double[] activations, int firstSlot, int count) {
        forwardChunk(parameters, null, activations, firstSlot, count);
    }

    /**
     * {@link #forwardChunk(double[], double[], int, int)} reading the weights of whole panels
     * from {@code panels} (current with {@code parameters}; {@code null} for none), with the same
     * results.
     */
    public void forwardChunk(
            double[] parameters, WeightPanels panels, double[] activations, int firstSlot, int count) {
        int base = firstSlot * neuronCount;
        for (int layer = 1; layer <= depth; layer++) {
            int outputs = base + neuronOffsets[layer];
            WeightPanels.Panel panel = panels == null ? null : panels.panel(layer);
            kernels.forwardBlock(layers[layer], parameters, panel, activations, base + neuronOffsets[layer - 1],
                    outputs, neuronCount, count);
            for (int s = 0; s < count; s++) {
                kernels.activate(this.activations[layer], activations, outputs + s * neuronCount, sizes[layer]);
            }
        }
    }
}
