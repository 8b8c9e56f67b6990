package dev.backprop.training;

import dev.backprop.network.Architecture;
import dev.backprop.network.Loss;
import java.util.Arrays;
import java.util.Objects;

/**
 * Sums per-sample gradients, or runs per-sample descent, over blocks of examples: the piece of
 * the training loop a distributed engine runs next to the data, each worker on its own share.
 *
 * <p>{@link #accumulate} adds {@code sum_b dE_b/dw} of a block to a caller's buffer, each gradient
 * element receiving the samples' contributions in row order, so that summing a file block by
 * block gives bitwise the result of summing it in one piece. Partial sums of several workers are
 * then added by the caller; applying {@code w -= eta / B * sum} to their total is the full-batch
 * step of {@link Trainer} with {@code batch_size = B}, up to the order of the floating-point sum.
 *
 * <p>{@link #descend} trains each row of a block in turn by plain SGD, the rule of
 * {@code batch_size=1}. Mutable (it owns a workspace); belongs to one thread.
 */
public final class GradientSum {

    /** Rows whose activations the workspace holds at once. */
    private static final int CHUNK_ROWS = 64;

    private final Architecture architecture;
    private final Backpropagation workspace;
    private int[] order = new int[0];

    /**
     * Creates a workspace for one network shape and loss.
     *
     * @throws IllegalArgumentException if the loss does not fit the output activation
     */
    public GradientSum(Architecture architecture, Loss loss) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(loss, "loss").checkOutputActivation(architecture.outputActivation());
        this.workspace = new Backpropagation(architecture, loss, CHUNK_ROWS);
    }

    /**
     * Adds the summed gradient of every row of {@code block} to {@code gradient}, leaving
     * {@code parameters} unchanged, and returns the rows' summed error.
     *
     * @param parameters the current weights and biases, {@link Architecture#parameterCount()} long
     * @param block rows with the architecture's input and output widths; zero rows add nothing
     * @param gradient buffer of the parameters' length that the sum is added to
     * @throws IllegalArgumentException if an array or the block does not fit the architecture
     */
    public double accumulate(double[] parameters, Examples block, double[] gradient) {
        checkShapes(parameters, block);
        if (gradient.length != parameters.length) {
            throw new IllegalArgumentException("gradient buffer holds " + gradient.length
                    + " values, the network has " + parameters.length + " parameters");
        }
        int[] rows = identityOrder(block.rows());
        double error = 0.0;
        for (int from = 0; from < block.rows(); from += CHUNK_ROWS) {
            int count = Math.min(CHUNK_ROWS, block.rows() - from);
            error += workspace.accumulateChunk(parameters, block, rows, from, count, gradient);
        }
        return error;
    }

    /**
     * Trains on every row of {@code block} in row order by per-sample gradient descent, updating
     * {@code parameters} in place, and returns the sum of the rows' errors, each computed before
     * its own update.
     *
     * @param learningRate step size eta, {@code > 0}
     * @param updateBiases whether biases are changed
     * @throws IllegalArgumentException if an array or the block does not fit the architecture
     */
    public double descend(double[] parameters, Examples block, double learningRate, boolean updateBiases) {
        checkShapes(parameters, block);
        double error = 0.0;
        workspace.beginSamples(parameters);
        try {
            for (int row = 0; row < block.rows(); row++) {
                error += workspace.trainSample(parameters, block, row, learningRate, updateBiases);
            }
        } finally {
            workspace.endSamples();
        }
        return error;
    }

    /**
     * Applies one gradient-descent step {@code w -= eta / samples * gradient}: the mean gradient,
     * as {@link Trainer} uses for mini-batches; biases keep their values unless
     * {@code updateBiases}.
     *
     * @param samples rows the gradient was summed over, {@code >= 1}
     */
    public void applyMeanStep(
            double[] parameters, double[] gradient, long samples, double learningRate, boolean updateBiases) {
        if (samples < 1) {
            throw new IllegalArgumentException("a step needs at least one sample, got " + samples);
        }
        double stepScale = learningRate / samples;
        boolean[] isBias = biasMask();
        for (int p = 0; p < parameters.length; p++) {
            if (updateBiases || !isBias[p]) {
                parameters[p] -= stepScale * gradient[p];
            }
        }
    }

    private boolean[] biasMask() {
        boolean[] mask = new boolean[architecture.parameterCount()];
        for (int layer = 1; layer <= architecture.depth(); layer++) {
            Arrays.fill(mask, architecture.biasOffset(layer), architecture.weightOffset(layer + 1), true);
        }
        return mask;
    }

    private int[] identityOrder(int rows) {
        if (order.length < rows) {
            order = new int[rows];
            for (int i = 0; i < rows; i++) {
                order[i] = i;
            }
        }
        return order;
    }

    private void checkShapes(double[] parameters, Examples block) {
        if (parameters.length != architecture.parameterCount()) {
            throw new IllegalArgumentException("layers=" + architecture.layersText() + " needs "
                    + architecture.parameterCount() + " weights and biases, got " + parameters.length);
        }
        if (block.featureCount() != architecture.inputSize() || block.targetCount() != architecture.outputSize()) {
            throw new IllegalArgumentException("examples have " + block.featureCount() + " features and "
                    + block.targetCount() + " targets, but layers=" + architecture.layersText());
        }
    }
}
