package dev.backprop.network;

/**
 * Where one fully-connected weight layer lives in the flat parameter array, as the kernels need
 * it: the input-major weight matrix {@code W[k][n]} at {@code weightOffset + k * width + n} for
 * {@code 0 <= k < inputCount}, {@code 0 <= n < width}, followed by the biases {@code b[n]} at
 * {@code biasOffset + n}. See {@link Architecture} for the layout.
 *
 * @param weightOffset index of {@code W[0][0]}
 * @param biasOffset index of {@code b[0]}
 * @param inputCount neurons of the layer below (rows of {@code W})
 * @param width neurons of this layer (columns of {@code W})
 */
public record DenseLayer(int weightOffset, int biasOffset, int inputCount, int width) {

    /** Index of {@code W[k][0]}, the start of input {@code k}'s contiguous row. */
    public int rowOffset(int k) {
        return weightOffset + k * width;
    }
}
