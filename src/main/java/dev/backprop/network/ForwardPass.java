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
        int outputs = base + neuronOffsets[layer];
        int outputCount = sizes[layer];
        System.arraycopy(parameters, biasOffsets[layer], activations, outputs, outputCount);
        addNonZeroRows(parameters, weightOffsets[layer], outputCount, activations, base + neuronOffsets[layer - 1],
                sizes[layer - 1], outputs);
        this.activations[layer].apply(activations, outputs, outputCount);
    }

    /**
     * {@code net[j] += sum_i in_i * w[i][j]} over the inputs that are not zero, in input order,
     * four rows per pass (see {@link VectorKernels#addScaled4}). Skipping a zero input changes no
     * bit of the sum: {@code 0 * w} is a signed zero, and adding it leaves any other value as it is.
     */
    private static void addNonZeroRows(
            double[] parameters, int weights, int width, double[] activations, int inputs, int inputCount,
            int outputs) {
        int pending = 0;
        double a0 = 0.0;
        double a1 = 0.0;
        double a2 = 0.0;
        int row0 = 0;
        int row1 = 0;
        int row2 = 0;
        for (int i = 0; i < inputCount; i++) {
            double in = activations[inputs + i];
            if (in == 0.0) {
                continue;
            }
            int row = weights + i * width;
            if (pending == 0) {
                a0 = in;
                row0 = row;
                pending = 1;
            } else if (pending == 1) {
                a1 = in;
                row1 = row;
                pending = 2;
            } else if (pending == 2) {
                a2 = in;
                row2 = row;
                pending = 3;
            } else {
                VectorKernels.addScaled4(a0, row0, a1, row1, a2, row2, in, row, parameters, activations, outputs,
                        width);
                pending = 0;
            }
        }

        // the last one to three rows, still in input order
        if (pending > 0) {
            VectorKernels.addScaled(a0, parameters, row0, activations, outputs, width);
        }
        if (pending > 1) {
            VectorKernels.addScaled(a1, parameters, row1, activations, outputs, width);
        }
        if (pending > 2) {
            VectorKernels.addScaled(a2, parameters, row2, activations, outputs, width);
        }
    }

    /**
     * Runs {@code count} samples forward together, sample {@code s} in the slice of
     * {@link #neuronCount()} slots starting at {@code (firstSlot + s) * neuronCount()}.
     *
     * <p>The loops are ordered so that four rows of a weight matrix are read for all samples while
     * they sit in the L1 cache. Each net input is still summed in input order, so every sample
     * gets bitwise the same activations as {@link #forward} would give it. Calls on disjoint slot
     * ranges of one array may run on different threads at once.
     */
    public void forwardChunk(double[] parameters, double[] activations, int firstSlot, int count) {
        for (int layer = 1; layer <= depth; layer++) {
            forwardLayerChunk(parameters, activations, firstSlot, count, layer);
        }
    }

    private void forwardLayerChunk(double[] parameters, double[] activations, int firstSlot, int count, int layer) {
        int inputs = firstSlot * neuronCount + neuronOffsets[layer - 1];
        int outputs = firstSlot * neuronCount + neuronOffsets[layer];
        int inputCount = sizes[layer - 1];
        int width = sizes[layer];
        int weights = weightOffsets[layer];
        for (int s = 0; s < count; s++) {
            System.arraycopy(parameters, biasOffsets[layer], activations, outputs + s * neuronCount, width);
        }

        int i = 0;
        for (; i + 3 < inputCount; i += 4) {
            int row = weights + i * width;
            for (int s = 0; s < count; s++) {
                int in = inputs + s * neuronCount + i;
                double a0 = activations[in];
                double a1 = activations[in + 1];
                double a2 = activations[in + 2];
                double a3 = activations[in + 3];
                // zero inputs add signed zeros, which change no sum; skip only the all-zero case
                if (a0 != 0.0 || a1 != 0.0 || a2 != 0.0 || a3 != 0.0) {
                    VectorKernels.addScaled4(a0, row, a1, row + width, a2, row + 2 * width, a3, row + 3 * width,
                            parameters, activations, outputs + s * neuronCount, width);
                }
            }
        }
        for (; i < inputCount; i++) {
            for (int s = 0; s < count; s++) {
                double in = activations[inputs + s * neuronCount + i];
                if (in != 0.0) {
                    VectorKernels.addScaled(in, parameters, weights + i * width, activations,
                            outputs + s * neuronCount, width);
                }
            }
        }

        for (int s = 0; s < count; s++) {
            this.activations[layer].apply(activations, outputs + s * neuronCount, width);
        }
    }
}
