package dev.backprop.training;

import dev.backprop.network.Architecture;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes the gradient of a mini-batch on several threads and applies the update, with results
 * that are bitwise identical for every thread count.
 *
 * <p>A batch of {@code B} rows is cut into fixed chunks of {@code chunkSize} rows. Each chunk's
 * gradient is summed into a buffer of its own by whichever worker takes it; then the chunk
 * buffers are added up in chunk order, element by element, each worker handling one slice of
 * the parameters. Neither the chunks nor the order of the final sum depend on how many workers
 * there are or which finishes first, so 1, 2 or 8 threads give the same bits. The update is
 * {@code w -= eta * (1/B) * sum_b dE_b/dw}: the batch's mean gradient, as PyTorch's mean loss
 * gives. All buffers are allocated once.
 */
final class MiniBatchTrainer implements AutoCloseable {

    /** Slices of the parameter array start at multiples of this, so workers never share a cache line. */
    private static final int SLICE_ALIGNMENT = 8;

    private final int parameterCount;
    private final int chunkSize;
    private final double[][] chunkGradients;
    private final double[] chunkErrors;
    private final Backpropagation[] workspaces;
    private final WorkerGang gang;
    private final boolean[] isBias;
    private final AtomicInteger nextChunk = new AtomicInteger();

    private double[] parameters;
    private Examples examples;
    private int[] order;
    private int batchFrom;
    private int batchRows;
    private int chunkCount;
    private double stepScale;
    private boolean updateBiases;

    MiniBatchTrainer(Architecture architecture, TrainingSettings settings) {
        this.parameterCount = architecture.parameterCount();
        this.chunkSize = Math.min(settings.chunkSize(), settings.batchSize());
        int maxChunks = (settings.batchSize() + chunkSize - 1) / chunkSize;
        this.chunkGradients = new double[maxChunks][parameterCount];
        this.chunkErrors = new double[maxChunks];
        int workers = Math.min(settings.threads(), maxChunks);
        this.workspaces = new Backpropagation[workers];
        for (int w = 0; w < workers; w++) {
            workspaces[w] = new Backpropagation(architecture, settings.loss(), chunkSize);
        }
        this.gang = new WorkerGang(workers);
        this.isBias = biasMask(architecture);
    }

    private static boolean[] biasMask(Architecture architecture) {
        boolean[] mask = new boolean[architecture.parameterCount()];
        for (int layer = 1; layer <= architecture.depth(); layer++) {
            Arrays.fill(mask, architecture.biasOffset(layer), architecture.weightOffset(layer + 1), true);
        }
        return mask;
    }

    /**
     * Trains on rows {@code order[from .. from+rows)} as one batch: updates {@code parameters} in
     * place and returns the sum of the rows' errors, each computed before the update.
     */
    double trainBatch(
            double[] parameters, Examples examples, int[] order, int from, int rows, double learningRate,
            boolean updateBiases) {
        this.parameters = parameters;
        this.examples = examples;
        this.order = order;
        this.batchFrom = from;
        this.batchRows = rows;
        this.chunkCount = (rows + chunkSize - 1) / chunkSize;
        this.stepScale = learningRate / rows;
        this.updateBiases = updateBiases;

        nextChunk.set(0);
        gang.runAll(this::accumulateChunks);
        gang.runAll(this::reduceAndUpdate);

        double error = 0.0;
        for (int c = 0; c < chunkCount; c++) {
            error += chunkErrors[c];
        }
        return error;
    }

    /** Phase 1: each worker takes chunks until none are left. */
    private void accumulateChunks(int worker) {
        Backpropagation workspace = workspaces[worker];
        for (int c = nextChunk.getAndIncrement(); c < chunkCount; c = nextChunk.getAndIncrement()) {
            int from = batchFrom + c * chunkSize;
            int count = Math.min(chunkSize, batchFrom + batchRows - from);
            double[] gradient = chunkGradients[c];
            Arrays.fill(gradient, 0.0);
            chunkErrors[c] = workspace.accumulateChunk(parameters, examples, order, from, count, gradient);
        }
    }

    /** Phase 2: each worker sums its slice of the chunk gradients in chunk order and steps. */
    private void reduceAndUpdate(int worker) {
        int sliceSize = (parameterCount + gang.size() - 1) / gang.size();
        sliceSize = (sliceSize + SLICE_ALIGNMENT - 1) / SLICE_ALIGNMENT * SLICE_ALIGNMENT;
        int from = Math.min(parameterCount, worker * sliceSize);
        int to = Math.min(parameterCount, from + sliceSize);

        double[] total = chunkGradients[0];
        for (int c = 1; c < chunkCount; c++) {
            double[] partial = chunkGradients[c];
            for (int p = from; p < to; p++) {
                total[p] += partial[p];
            }
        }

        for (int p = from; p < to; p++) {
            if (updateBiases || !isBias[p]) {
                parameters[p] -= stepScale * total[p];
            }
        }
    }

    /**
     * Returns the summed (not averaged) gradient of rows {@code order[from .. from+rows)} without
     * changing {@code parameters}.
     */
    double[] batchGradient(double[] parameters, Examples examples, int[] order, int from, int rows) {
        double[] frozen = parameters.clone();
        trainBatch(frozen, examples, order, from, rows, Double.MIN_VALUE, true);
        return chunkGradients[0].clone();
    }

    @Override
    public void close() {
        gang.close();
    }
}
