package dev.backprop.training;

import dev.backprop.network.Architecture;
import dev.backprop.network.CacheAlignedCopy;
import dev.backprop.network.LayerKernels;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains a network by backpropagation and an {@link Optimizer}, per sample or in mini-batches,
 * with a learning-rate schedule, weight decay, gradient clipping, early stopping and a target
 * error.
 *
 * <p>With {@code batch_size=1} and plain SGD (no weight decay or clipping), each row updates the
 * weights right after its own forward and backward pass, fused into it, on the caller's thread,
 * exactly as in M. Mazur's worked example. Other per-sample optimizers compute the sample's
 * gradient first and then step. Larger batches go to a {@link MiniBatchTrainer}, whose results do
 * not depend on the thread count. A batch never spans two blocks of an {@link ExampleSource}.
 *
 * <p>Shuffling: before every epoch the rows are put back in source order and reshuffled by
 * Fisher–Yates from one generator seeded by the run's seed and the epoch. An in-memory source is
 * one block, so its whole data set is shuffled; a source of several blocks is shuffled within
 * each block (the blocks keep their order), the same generator continuing from block to block.
 *
 * <p>The error of each sample is taken from its forward pass before its update; the error log
 * sums these over the samples since its previous row. One run's trainer is used by one thread.
 * {@link #captureState()} and {@link #restore} make a run resumable with bitwise equal results.
 */
public final class Trainer {

    /** Layers at least this wide get their per-sample steps on a cache-aligned weight copy. */
    private static final int ALIGNED_MIN_WIDTH = 16;

    private final Architecture architecture;
    private final TrainingSettings settings;
    private final TrainingListener listener;
    private final LogState log = new LogState();
    private final ValidationTracker validationTracker;

    private ParameterUpdate update;
    private double[] parameters;
    private int completedEpochs;
    private double lastEpochError = Double.NaN;
    private TrainingState pendingRestore;
    private boolean isInsideEpoch;

    private Backpropagation workspace;
    private Backpropagation sampleWorkspace;
    private CacheAlignedCopy sampleWeights;
    private double[] sampleGradient;
    private int[] order = new int[0];
    private double epochError;
    private long epochSamples;

    /** Creates a trainer for one run. */
    public Trainer(Architecture architecture, TrainingSettings settings, TrainingListener listener) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        settings.loss().checkOutputActivation(architecture.outputActivation());
        this.validationTracker = new ValidationTracker(settings.patience(), settings.minDelta(),
                architecture.parameterCount());
    }

    /**
     * Trains {@code parameters} in place on in-memory rows and returns what the run did; see
     * {@link #train(double[], ExampleSource, Examples)}.
     */
    public TrainingResult train(double[] parameters, Examples training, Examples validation) {
        return train(parameters, ExampleSource.inMemory(training), validation);
    }

    /**
     * Trains {@code parameters} in place on the rows of {@code training} and returns what the run
     * did. After a {@link #restore}, {@code parameters} is first overwritten with the state's and
     * training continues with the epoch after the state's last.
     *
     * <p>With {@code patience > 0}, the parameters end as those of the best validation epoch,
     * unless the run stopped at {@code target_error}, which keeps the last epoch's.
     *
     * @param validation rows whose error is reported after each epoch; may hold zero rows unless
     *     {@code patience > 0}
     * @throws IllegalArgumentException when the examples do not fit the architecture or are empty,
     *     when {@code patience > 0} without validation rows, or when a restored state does not fit
     * @throws TrainingDivergedException when an error becomes NaN or infinite
     */
    public TrainingResult train(double[] parameters, ExampleSource training, Examples validation) {
        checkShapes(parameters, training, validation);
        int batchCapacity = batchCapacity(training.rows());
        boolean isRestored = start(parameters);

        // A state taken after the epoch that ended its run (early stopping, target error) ends
        // this one at once too, with the same reason, instead of training on past it.
        StopReason stopReason = isRestored
                ? stopReasonAfter(completedEpochs, lastEpochError, training.rows())
                : StopReason.EPOCHS_COMPLETED;
        try (MiniBatchTrainer miniBatch = batchCapacity > 1 ? newMiniBatchTrainer(batchCapacity) : null) {
            // One clock reading per epoch: its end is the next one's start (tiny data sets run
            // hundreds of thousands of epochs, where a reading costs as much as a sample).
            long epochStartNanos = System.nanoTime();
            while (completedEpochs < settings.epochs() && stopReason == StopReason.EPOCHS_COMPLETED) {
                int epoch = completedEpochs + 1;
                runEpoch(training, miniBatch, batchCapacity, epoch);
                double validationError = validationError(validation);
                long epochEndNanos = System.nanoTime();
                stopReason = endEpoch(validationError, epoch, training.rows(), epochStartNanos, epochEndNanos);
                epochStartNanos = epochEndNanos;
            }
        }
        return finish(stopReason, training.rows());
    }

    /**
     * Makes the next {@link #train} call continue from {@code state} instead of starting afresh.
     * The trainer must have been created with the same architecture and settings as the one the
     * state was taken from, and be given the same data.
     */
    public void restore(TrainingState state) {
        Objects.requireNonNull(state, "state");
        if (state.parameters().length != architecture.parameterCount()) {
            throw new IllegalArgumentException("training state holds " + state.parameters().length
                    + " parameters but layers=" + architecture.layersText() + " needs "
                    + architecture.parameterCount());
        }
        this.pendingRestore = state;
    }

    /**
     * Returns a copy of the run's complete state after its last completed epoch. Call it from
     * {@link TrainingListener#onEpochEnd} or after {@link #train} has returned.
     *
     * @throws IllegalStateException before training started or in the middle of an epoch
     */
    public TrainingState captureState() {
        if (update == null || isInsideEpoch) {
            throw new IllegalStateException("a training state can only be taken between epochs");
        }
        return new TrainingState(completedEpochs, log.step, log.samplesSeen, parameters, update.optimizerState(),
                validationTracker.bestEpoch(), validationTracker.bestErrorForState(),
                validationTracker.epochsSinceImprovement(), validationTracker.bestParameters(), log.pendingError,
                log.pendingSamples, lastEpochError, log.elapsedMillis());
    }

    /** Sets up a run's buffers and applies a pending restore; returns whether there was one. */
    private boolean start(double[] parameters) {
        this.parameters = parameters;
        this.update = new ParameterUpdate(architecture, settings);
        this.workspace = new Backpropagation(architecture, settings.loss(), 1);
        this.sampleWeights = isWorthAligning() ? CacheAlignedCopy.of(architecture.parameterCount()) : null;
        this.sampleWorkspace = sampleWeights == null
                ? workspace
                : new Backpropagation(architecture, settings.loss(), 1, LayerKernels.selected(),
                        sampleWeights.offset());
        this.sampleGradient = new double[architecture.parameterCount()];
        long elapsedMillis = 0;
        boolean isRestored = pendingRestore != null;
        if (isRestored) {
            elapsedMillis = applyRestore(pendingRestore);
            pendingRestore = null;
        }
        log.start(System.nanoTime() - elapsedMillis * 1_000_000);
        return isRestored;
    }

    private long applyRestore(TrainingState state) {
        double[][] target = update.optimizerState();
        double[][] source = state.optimizerState();
        if (target.length != source.length) {
            throw new IllegalArgumentException("training state holds " + source.length + " optimizer arrays but "
                    + "optimizer=" + settings.optimizer().kind().configName() + " has " + target.length);
        }
        for (int i = 0; i < target.length; i++) {
            System.arraycopy(source[i], 0, target[i], 0, target[i].length);
        }
        System.arraycopy(state.parameters(), 0, parameters, 0, parameters.length);
        validationTracker.restore(state);
        completedEpochs = state.completedEpochs();
        lastEpochError = state.lastEpochError();
        log.step = state.step();
        log.samplesSeen = state.samplesSeen();
        log.pendingError = state.pendingError();
        log.pendingSamples = state.pendingSamples();
        return state.elapsedMillis();
    }

    /** Rows per update: {@code batch_size}, or all rows for 0, never more than there are. */
    private int batchCapacity(long rows) {
        long wanted = settings.batchSize() == 0 ? rows : Math.min(settings.batchSize(), rows);
        if (wanted > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("batch_size=" + settings.batchSize() + " asks for batches of "
                    + wanted + " rows; use a batch_size below " + Integer.MAX_VALUE / 2);
        }
        return (int) wanted;
    }

    private MiniBatchTrainer newMiniBatchTrainer(int batchCapacity) {
        return new MiniBatchTrainer(architecture, settings.toBuilder().batchSize(batchCapacity).build());
    }

    private void runEpoch(ExampleSource training, MiniBatchTrainer miniBatch, int batchCapacity, int epoch) {
        isInsideEpoch = true;
        double learningRate = settings.learningRateAt(epoch);
        log.learningRate = learningRate;
        SplittableRandom random = epochRandom(settings.seed(), epoch);
        boolean isShuffled = settings.shuffle() && training.rows() > 1;
        long totalRows = training.rows();
        epochError = 0.0;
        epochSamples = 0;

        training.forEachBlock(block -> {
            int[] blockOrder = identityOrder(block.rows());
            if (isShuffled) {
                shuffle(blockOrder, block.rows(), random);
            }
            if (miniBatch == null) {
                runPerSample(block, blockOrder, epoch, learningRate, totalRows);
            } else {
                runMiniBatches(block, blockOrder, miniBatch, batchCapacity, epoch, learningRate, totalRows);
            }
        });
        isInsideEpoch = false;
    }

    private void runPerSample(Examples block, int[] blockOrder, int epoch, double learningRate, long totalRows) {
        if (!settings.isPlainSgd()) {
            runPerSampleGeneral(block, blockOrder, epoch, learningRate, totalRows);
            return;
        }
        double[] weights = parameters;
        if (sampleWeights != null) {
            sampleWeights.load(parameters);
            weights = sampleWeights.values();
        }
        try {
            sampleWorkspace.beginSamples(weights);
            for (int i = 0; i < block.rows(); i++) {
                double error = sampleWorkspace.trainSample(weights, block, blockOrder[i], learningRate,
                        settings.updateBiases());
                afterUpdate(error, 1, epoch, learningRate, totalRows);
            }
        } finally {
            sampleWorkspace.endSamples();
            if (sampleWeights != null) {
                sampleWeights.store(parameters);
            }
        }
    }

    /**
     * Whether per-sample steps should run on a cache-aligned copy of the weights: plain SGD on
     * layers wide enough for whole vector rows. Tiny networks skip it (and the heap query it needs).
     */
    private boolean isWorthAligning() {
        if (!settings.isPlainSgd() || settings.batchSize() != 1) {
            return false;
        }
        int widest = 0;
        for (int layer = 1; layer <= architecture.depth(); layer++) {
            widest = Math.max(widest, architecture.size(layer));
        }
        return widest >= ALIGNED_MIN_WIDTH;
    }

    private void runPerSampleGeneral(
            Examples block, int[] blockOrder, int epoch, double learningRate, long totalRows) {
        for (int i = 0; i < block.rows(); i++) {
            Arrays.fill(sampleGradient, 0.0);
            double error = workspace.accumulateChunk(parameters, block, blockOrder, i, 1, sampleGradient);
            applyUpdate(sampleGradient, learningRate);
            afterUpdate(error, 1, epoch, learningRate, totalRows);
        }
    }

    private void applyUpdate(double[] gradient, double learningRate) {
        update.begin(learningRate, 1.0, log.step + 1);
        if (update.needsGlobalNorm()) {
            update.clipToGlobalNorm(gradient);
        }
        update.applySlice(parameters, gradient, 0, gradient.length);
    }

    private void runMiniBatches(
            Examples block, int[] blockOrder, MiniBatchTrainer miniBatch, int batchCapacity, int epoch,
            double learningRate, long totalRows) {
        for (int from = 0; from < block.rows(); from += batchCapacity) {
            int rows = Math.min(batchCapacity, block.rows() - from);
            update.begin(learningRate, 1.0 / rows, log.step + 1);
            double error = miniBatch.trainBatch(parameters, block, blockOrder, from, rows, update);
            afterUpdate(error, rows, epoch, learningRate, totalRows);
        }
    }

    private void afterUpdate(double error, int rows, int epoch, double learningRate, long totalRows) {
        if (!Double.isFinite(error)) {
            throw new TrainingDivergedException(epoch, log.step + 1, error, learningRate);
        }
        epochError += error;
        epochSamples += rows;
        log.afterUpdate(error, rows, epoch, epochSamples == totalRows);
    }

    /** The error over the validation rows with the current weights, NaN without them. */
    private double validationError(Examples validation) {
        return validation.rows() == 0
                ? Double.NaN
                : Evaluation.of(architecture, parameters, validation, settings.loss()).error();
    }

    /** Records the validation error, decides whether to stop, logs the epoch and tells the listener. */
    private StopReason endEpoch(
            double validationError, int epoch, long rows, long epochStartNanos, long epochEndNanos) {
        validationTracker.observe(epoch, validationError, parameters);
        completedEpochs = epoch;
        lastEpochError = epochError;

        StopReason reason = stopReasonAfter(epoch, epochError, rows);
        boolean isFinalEpoch = reason != StopReason.EPOCHS_COMPLETED || epoch == settings.epochs();
        log.endEpoch(epoch, validationError, isFinalEpoch, epochEndNanos);

        long nanos = Math.max(1, epochEndNanos - epochStartNanos);
        listener.onEpochEnd(new EpochSummary(epoch, epochError, epochError / rows, validationError,
                rows * 1e9 / nanos, log.elapsedMillis(epochEndNanos)));
        return reason;
    }

    /** Why training stops after {@code epoch}, whose summed error was {@code epochError}. */
    private StopReason stopReasonAfter(int epoch, double epochError, long rows) {
        if (epochError / rows <= settings.targetError()) {
            return StopReason.TARGET_ERROR;
        }
        if (validationTracker.isExhausted() && epoch < settings.epochs()) {
            return StopReason.EARLY_STOPPING;
        }
        return StopReason.EPOCHS_COMPLETED;
    }

    private TrainingResult finish(StopReason stopReason, long rows) {
        int weightsEpoch = stopReason == StopReason.TARGET_ERROR
                ? completedEpochs
                : validationTracker.restoreBest(parameters, completedEpochs);
        return new TrainingResult(completedEpochs, log.step, log.samplesSeen, lastEpochError, lastEpochError / rows,
                log.elapsedMillis(), stopReason, validationTracker.bestEpoch(), validationTracker.bestError(),
                weightsEpoch);
    }

    /** The rows of a block in source order, in a buffer reused while block sizes allow. */
    private int[] identityOrder(int rows) {
        if (order.length != rows) {
            order = new int[rows];
        }
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        return order;
    }

    /**
     * The generator of epoch {@code epoch}'s shuffle: seeded from the run's seed and the epoch alone,
     * so that epoch e's order does not depend on how the run got there and a resumed run shuffles
     * identically.
     */
    static SplittableRandom epochRandom(long seed, int epoch) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
    }

    /** The row order of epoch {@code epoch} for in-memory data of {@code rows} rows, as training uses it. */
    static int[] epochOrder(int rows, long seed, int epoch, boolean shuffle) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        if (shuffle && rows > 1) {
            shuffle(order, rows, epochRandom(seed, epoch));
        }
        return order;
    }

    /** Reorders {@code blockOrder} by a Fisher–Yates shuffle drawn from {@code random}. */
    private static void shuffle(int[] blockOrder, int rows, SplittableRandom random) {
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = blockOrder[i];
            blockOrder[i] = blockOrder[j];
            blockOrder[j] = swap;
        }
    }

    private void checkShapes(double[] parameters, ExampleSource training, Examples validation) {
        if (parameters.length != architecture.parameterCount()) {
            throw new IllegalArgumentException("layers=" + architecture.layersText() + " needs "
                    + architecture.parameterCount() + " weights and biases, got " + parameters.length);
        }
        if (training.rows() == 0) {
            throw new IllegalArgumentException("no training examples (0 rows): nothing to train on");
        }
        checkWidths(training.featureCount(), training.targetCount());
        checkWidths(validation.featureCount(), validation.targetCount());
        if (settings.patience() > 0 && validation.rows() == 0) {
            throw new IllegalArgumentException("patience=" + settings.patience()
                    + " needs validation rows to watch; set validation_fraction > 0 or patience=0");
        }
    }

    private void checkWidths(int featureCount, int targetCount) {
        if (featureCount != architecture.inputSize() || targetCount != architecture.outputSize()) {
            throw new IllegalArgumentException("examples have " + featureCount + " features and " + targetCount
                    + " targets, but layers=" + architecture.layersText());
        }
    }

    /** Counts updates and samples and decides when an error-log row is due. */
    private final class LogState {
        private long startNanos;
        private long step;
        private long samplesSeen;
        private double pendingError;
        private long pendingSamples;
        private double learningRate;

        void start(long nanos) {
            startNanos = nanos;
        }

        /** Counts an update; the epoch's last update is logged by {@link #endEpoch}, after validation. */
        void afterUpdate(double error, int samples, int epoch, boolean endsEpoch) {
            step++;
            samplesSeen += samples;
            pendingError += error;
            pendingSamples += samples;
            if (!endsEpoch && isRowDue()) {
                emit(epoch, Double.NaN, System.nanoTime());
            }
        }

        /** Logs the epoch's row if one is due; {@code nowNanos} is the end of the epoch's updates. */
        void endEpoch(int epoch, double validationError, boolean isFinalEpoch, long nowNanos) {
            boolean due = settings.logEvery() == 0 || isRowDue();
            if (due || (isFinalEpoch && pendingSamples > 0)) {
                emit(epoch, validationError, nowNanos);
            }
        }

        private boolean isRowDue() {
            return settings.logEvery() > 0 && step % settings.logEvery() == 0;
        }

        private void emit(int epoch, double validationError, long nowNanos) {
            listener.onLogEntry(new LogEntry(epoch, step, samplesSeen, pendingError, pendingError / pendingSamples,
                    validationError, learningRate, elapsedMillis(nowNanos)));
            pendingError = 0.0;
            pendingSamples = 0;
        }

        long elapsedMillis() {
            return elapsedMillis(System.nanoTime());
        }

        long elapsedMillis(long nowNanos) {
            return (nowNanos - startNanos) / 1_000_000;
        }
    }
}
