package dev.backprop.network;

/**
 * The forward pass of one architecture over flat arrays, with the layer offsets computed once.
 *
 * <p>Activations of all layers of one sample live in one array slice of
 * {@link Architecture#neuronCount()} values, input layer first; the caller writes the sample's
 * features into the first {@link Architecture#inputSize()} slots. For neuron {@code j} of layer
 * {@code l} the pass computes {@code net_j = b_j + sum_i w_ij out_i} (summed in input order) and
 * stores {@code out_j = f(net_j)} in its slot.
 *
 * <p>The inner loop runs over a contiguous row of the input-major weight matrix,
 * {@code net[j] += out_i * w[i][j]}, which the JIT compiles to vector instructions. Inputs that
 * are exactly zero are skipped: they add nothing, and sparse inputs (image pixels, ReLU outputs)
 * are common. Instances are immutable and may be shared between threads; the arrays passed in
 * belong to the caller.
 */
public final class ForwardPass {

    final int depth;
    final int neuronCount;
    final int[] sizes;
    final int[] neuronOffsets;
    final int[] weightOffsets;
    final int[] biasOffsets;
    final Activation[] activations;

    /** Precomputes the offsets of {@code architecture}. */
    public ForwardPass(Architecture architecture) {
        depth = architecture.depth();
        neuronCount = architecture.neuronCount();
        sizes = architecture.layerSizes();
        neuronOffsets = new int[depth + 1];
        weightOffsets = new int[depth + 1];
        biasOffsets = new int[depth + 1];
        activations = new Activation[depth + 1];
        for (int layer = 0; layer <= depth; layer++) {
            neuronOffsets[layer] = architecture.neuronOffset(layer);
            if (layer > 0) {
                weightOffsets[layer] = architecture.weightOffset(layer);
                biasOffsets[layer] = architecture.biasOffset(layer);
                activations[layer] = architecture.activation(layer);
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

    /**
     * Runs one sample forward.
     *
     * @param parameters the flat weights and biases
     * @param activations the sample's slice, input already written at {@code base}
     * @param base offset of the sample's slice in {@code activations}
     */
    public void forward(double[] parameters, double[] activations, int base) {
        for (int layer = 1; layer <= depth; layer++) {
            forwardLayer(parameters, activations, base, layer);
        }
    }

    private void forwardLayer(double[] parameters, double[] activations, int base, int layer) {
        int inputs = base + neuronOffsets[layer - 1];
        int outputs = base + neuronOffsets[layer];
        int inputCount = sizes[layer - 1];
        int outputCount = sizes[layer];
        System.arraycopy(parameters, biasOffsets[layer], activations, outputs, outputCount);

        for (int i = 0; i < inputCount; i++) {
            double out = activations[inputs + i];
            if (out != 0.0) {
                VectorKernels.addScaled(out, parameters, weightOffsets[layer] + i * outputCount, activations, outputs, outputCount);
            }
        }
        this.activations[layer].apply(activations, outputs, outputCount);
    }

    /**
     * Runs {@code count} samples forward together, each in its own slice of {@link #neuronCount()}
     * slots starting at {@code i * neuronCount()}.
     *
     * <p>The loops are ordered so that each row of a weight matrix is read once for all samples
     * while it sits in the L1 cache. Each net input is still summed in input order, so every
     * sample gets bitwise the same activations as {@link #forward} would give it.
     */
    public void forwardChunk(double[] parameters, double[] activations, int count) {
        for (int layer = 1; layer <= depth; layer++) {
            forwardLayerChunk(parameters, activations, count, layer);
        }
    }

    private void forwardLayerChunk(double[] parameters, double[] activations, int count, int layer) {
        int inputs = neuronOffsets[layer - 1];
        int outputs = neuronOffsets[layer];
        int inputCount = sizes[layer - 1];
        int outputCount = sizes[layer];
        for (int s = 0; s < count; s++) {
            System.arraycopy(parameters, biasOffsets[layer], activations, s * neuronCount + outputs, outputCount);
        }

        for (int i = 0; i < inputCount; i++) {
            int row = weightOffsets[layer] + i * outputCount;
            for (int s = 0; s < count; s++) {
                double out = activations[s * neuronCount + inputs + i];
                if (out != 0.0) {
                    VectorKernels.addScaled(out, parameters, row, activations, s * neuronCount + outputs, outputCount);
                }
            }
        }

        for (int s = 0; s < count; s++) {
            this.activations[layer].apply(activations, s * neuronCount + outputs, outputCount);
        }
    }
}
