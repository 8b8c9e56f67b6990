package dev.backprop.training;

import dev.backprop.network.Architecture;
import dev.backprop.network.LayerKernels;
import dev.backprop.network.WeightPanels;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Computes the gradient of a mini-batch on several threads and applies the update, with results
 * that are bitwise identical for every thread count.
 *
 * <p>A batch runs in two phases, with all workers synchronized in between:
 * <ol>
 *   <li>Forward and backward: the batch is cut into chunks of {@code chunkSize} rows, which the
 *       workers take from their {@link WorkShares}; each sample's activations and deltas go to a
 *       slot of its own in one batch-wide workspace. The weights are only read.
 *   <li>Gradient and update: the weight rows (each layer's bias row included) are cut into blocks
 *       of up to eight rows, which the workers take the same way. For each row of a block a worker
 *       sums {@code sum_b out_b,i * delta_b,j} over the batch's samples in sample order, stores it in
 *       the batch gradient and hands the row to the {@link ParameterUpdate}, whose optimizer
 *       steps on the batch's mean gradient {@code (1/B) * sum}, as PyTorch's mean loss gives.
 *       The optimizers are elementwise, so stepping row by row on different workers is exact.
 *       With {@code clip_norm}, the step waits for a third phase: the norm of the whole gradient
 *       is summed in parameter order on the caller's thread first.
 * </ol>
 * Every gradient element is therefore summed over the same samples in the same order however many
 * workers there are and whichever finishes first, so 1, 2 or 8 threads give the same bits; the
 * chunk size only sets the unit of work. Unlike per-chunk gradient buffers that are added up
 * afterwards, this needs one gradient buffer the size of the parameters and no reduction pass.
 * All buffers are allocated once.
 */
final class MiniBatchTrainer implements AutoCloseable {

    /** Weight rows done together in phase 2; see {@link Backpropagation#rowGradients}. */
    private static final int ROWS_PER_BLOCK = 8;

    private final int chunkSize;
    private final double[] chunkErrors;
    private final Backpropagation workspace;
    private final WorkerGang gang;
    private final RowBlocks rowBlocks;
    private final double[][] rowSums;
    private final double[] gradient;
    private final WeightPanels panels;
    private final WorkShares chunks;
    private final WorkShares blocks;

    private double[] parameters;
    private double[] packedParameters;
    private Examples examples;
    private int[] order;
    private int batchFrom;
    private int batchRows;
    private int chunkCount;
    private ParameterUpdate update;
    private boolean isStepping;

    MiniBatchTrainer(Architecture architecture, TrainingSettings settings) {
        this(architecture, settings, LayerKernels.selected());
    }

    /** A trainer computing with the given kernels, for tests that compare the implementations. */
    MiniBatchTrainer(Architecture architecture, TrainingSettings settings, LayerKernels kernels) {
        this.chunkSize = Math.min(settings.chunkSize(), settings.batchSize());
        int maxChunks = (settings.batchSize() + chunkSize - 1) / chunkSize;
        this.chunkErrors = new double[maxChunks];
        this.workspace = new Backpropagation(architecture, settings.loss(), settings.batchSize(), kernels);
        int workers = Math.min(settings.threads(), Math.max(maxChunks, 1));
        this.gang = new WorkerGang(workers);
        this.chunks = new WorkShares(workers);
        this.blocks = new WorkShares(workers);
        this.rowBlocks = new RowBlocks(architecture, ROWS_PER_BLOCK);
        int widest = 0;
        for (int layer = 1; layer <= architecture.depth(); layer++) {
            widest = Math.max(widest, architecture.size(layer));
        }
        this.rowSums = new double[workers][ROWS_PER_BLOCK * widest];
        this.gradient = new double[architecture.parameterCount()];
        this.panels = workspace.newWeightPanels();
        workspace.storeSamplePanels();
    }

    /**
     * Trains on rows {@code order[from .. from+rows)} as one batch: updates {@code parameters} in
     * place and returns the sum of the rows' errors, each computed before the update.
     *
     * <p>Between calls with the same {@code parameters} array nothing else may change it: the
     * trainer keeps a panelled copy of the weights current as it steps them (see
     * {@link WeightPanels}), and repacks only when given another array.
     *
     * @param update the update to apply, already {@linkplain ParameterUpdate#begin begun} with this
     *     batch's learning rate and a gradient scale of {@code 1/rows}
     */
    double trainBatch(
            double[] parameters, Examples examples, int[] order, int from, int rows, ParameterUpdate update) {
        forwardBackward(parameters, examples, order, from, rows);
        this.update = update;
        if (update.needsGlobalNorm()) {
            // Clipping needs the norm of the whole gradient before any row may step.
            isStepping = false;
            runPhase(this::updateRows);
            update.clipToGlobalNorm(gradient);
            runPhase(this::stepRows);
        } else {
            isStepping = true;
            runPhase(this::updateRows);
        }
        return batchError();
    }

    /**
     * Returns the summed (not averaged) gradient of rows {@code order[from .. from+rows)} without
     * changing {@code parameters}.
     */
    double[] batchGradient(double[] parameters, Examples examples, int[] order, int from, int rows) {
        packedParameters = null;
        forwardBackward(parameters, examples, order, from, rows);
        isStepping = false;
        runPhase(this::updateRows);
        return Arrays.copyOf(gradient, gradient.length);
    }

    private void forwardBackward(double[] parameters, Examples examples, int[] order, int from, int rows) {
        if (panels != null && packedParameters != parameters) {
            panels.pack(parameters);
            packedParameters = parameters;
        }
        this.parameters = parameters;
        this.examples = examples;
        this.order = order;
        this.batchFrom = from;
        this.batchRows = rows;
        this.chunkCount = (rows + chunkSize - 1) / chunkSize;
        chunks.reset(chunkCount);
        workspace.readInputsFrom(examples);
        gang.runAll(this::forwardBackwardChunks);
    }

    private double batchError() {
        double error = 0.0;
        for (int c = 0; c < chunkCount; c++) {
            error += chunkErrors[c];
        }
        return error;
    }

    /** Phase 1: each worker takes chunks until none are left. */
    private void forwardBackwardChunks(int worker) {
        for (int c = chunks.take(worker); c >= 0; c = chunks.take(worker)) {
            int firstSlot = c * chunkSize;
            int count = Math.min(chunkSize, batchRows - firstSlot);
            chunkErrors[c] = workspace.forwardBackwardChunk(parameters, panels, examples, order,
                    batchFrom + firstSlot, count, firstSlot);
        }
    }

    /** Runs a phase over the row blocks, which the workers take from their {@link WorkShares}. */
    private void runPhase(IntConsumer phase) {
        blocks.reset(rowBlocks.blockCount());
        gang.runAll(phase);
    }

    /**
     * Phase 2: each worker takes row blocks until none are left, sums their gradient over the
     * batch into {@link #gradient} and, when {@link #isStepping}, steps them.
     */
    private void updateRows(int worker) {
        double[] sums = rowSums[worker];
        for (int b = blocks.take(worker); b >= 0; b = blocks.take(worker)) {
            workspace.rowGradients(rowBlocks.layer(b), rowBlocks.firstRow(b), rowBlocks.rowCount(b), batchRows,
                    sums);

            // the block's rows are consecutive in the parameters, laid out as in sums
            int offset = rowBlocks.parameterOffset(b);
            int length = rowBlocks.rowCount(b) * rowBlocks.width(b);
            System.arraycopy(sums, 0, gradient, offset, length);
            if (isStepping) {
                update.applySlice(parameters, gradient, offset, offset + length);
                repackRows(b);
            }
        }
    }

    /** Phase 3 (only with clipping): each worker takes row blocks and steps them from {@link #gradient}. */
    private void stepRows(int worker) {
        for (int b = blocks.take(worker); b >= 0; b = blocks.take(worker)) {
            int offset = rowBlocks.parameterOffset(b);
            update.applySlice(parameters, gradient, offset, offset + rowBlocks.rowCount(b) * rowBlocks.width(b));
            repackRows(b);
        }
    }

    /** Copies the rows of block {@code b}, just stepped, into the weight panels. */
    private void repackRows(int b) {
        if (panels != null) {
            panels.packRows(parameters, rowBlocks.layer(b), rowBlocks.firstRow(b), rowBlocks.rowCount(b));
        }
    }

    @Override
    public void close() {
        gang.close();
    }
}
