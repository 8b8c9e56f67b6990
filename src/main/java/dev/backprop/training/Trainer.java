package dev.backprop.training;

import dev.backprop.network.Architecture;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains a network by backpropagation and gradient descent, per sample or in mini-batches.
 *
 * <p>With {@code batch_size=1} each row updates the weights right after its own forward and
 * backward pass, on the caller's thread, exactly as in M. Mazur's worked example. Larger batches
 * go to a {@link MiniBatchTrainer}, whose results do not depend on the thread count.
 *
 * <p>The error of each sample is taken from its forward pass before its update; the error log
 * sums these over the samples since its previous row. One run's trainer is used by one thread.
 */
public final class Trainer {

    private final Architecture architecture;
    private final TrainingSettings settings;
    private final TrainingListener listener;

    private final LogState log = new LogState();

    /** Creates a trainer for one run. */
    public Trainer(Architecture architecture, TrainingSettings settings, TrainingListener listener) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        settings.loss().checkOutputActivation(architecture.outputActivation());
    }

    /**
     * Trains {@code parameters} in place on {@code training} and returns what the run did.
     *
     * @param validation rows whose error is reported after each epoch; may hold zero rows
     * @throws IllegalArgumentException when the examples do not fit the architecture or are empty
     * @throws TrainingDivergedException when an error becomes NaN or infinite
     */
    public TrainingResult train(double[] parameters, Examples training, Examples validation) {
        checkShapes(parameters, training, validation);
        int[] order = identityOrder(training.rows());
        long startNanos = System.nanoTime();
        log.start(startNanos);

        try (MiniBatchTrainer miniBatch = settings.batchSize() > 1 ? new MiniBatchTrainer(architecture, settings) : null) {
            Backpropagation workspace = new Backpropagation(architecture, settings.loss(), 1);
            double epochError = 0.0;
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                long epochStartNanos = System.nanoTime();
                if (settings.shuffle() && training.rows() > 1) {
                    shuffle(order, epoch);
                }

                epochError = miniBatch == null
                        ? runPerSampleEpoch(parameters, training, order, workspace, epoch)
                        : runMiniBatchEpoch(parameters, training, order, miniBatch, epoch);

                endEpoch(parameters, validation, epoch, epochError, training.rows(), epochStartNanos);
            }
            return new TrainingResult(settings.epochs(), log.step, log.samplesSeen, epochError,
                    epochError / training.rows(), (System.nanoTime() - startNanos) / 1_000_000,
                    StopReason.EPOCHS_COMPLETED);
        }
    }

    private double runPerSampleEpoch(
            double[] parameters, Examples training, int[] order, Backpropagation workspace, int epoch) {
        double epochError = 0.0;
        for (int i = 0; i < order.length; i++) {
            double error = workspace.trainSample(parameters, training, order[i], settings.learningRate(),
                    settings.updateBiases());
            checkFinite(error, epoch);
            epochError += error;
            log.afterUpdate(error, 1, epoch, i == order.length - 1);
        }
        return epochError;
    }

    private double runMiniBatchEpoch(
            double[] parameters, Examples training, int[] order, MiniBatchTrainer miniBatch, int epoch) {
        double epochError = 0.0;
        for (int from = 0; from < order.length; from += settings.batchSize()) {
            int rows = Math.min(settings.batchSize(), order.length - from);
            double error = miniBatch.trainBatch(parameters, training, order, from, rows, settings.learningRate(),
                    settings.updateBiases());
            checkFinite(error, epoch);
            epochError += error;
            log.afterUpdate(error, rows, epoch, from + rows == order.length);
        }
        return epochError;
    }

    private void endEpoch(
            double[] parameters, Examples validation, int epoch, double epochError, int rows, long epochStartNanos) {
        double validationError = validation.rows() == 0
                ? Double.NaN
                : Evaluation.of(architecture, parameters, validation, settings.loss()).error();
        log.endEpoch(epoch, validationError, epoch == settings.epochs());

        long nanos = Math.max(1, System.nanoTime() - epochStartNanos);
        listener.onEpochEnd(new EpochSummary(epoch, epochError, epochError / rows, validationError,
                rows * 1e9 / nanos, log.elapsedMillis()));
    }

    private void checkFinite(double error, int epoch) {
        if (!Double.isFinite(error)) {
            throw new TrainingDivergedException(epoch, log.step + 1, error, settings.learningRate());
        }
    }

    /** Reorders {@code order} by a Fisher–Yates shuffle drawn from the run's seed and the epoch. */
    private void shuffle(int[] order, int epoch) {
        // A fresh generator per epoch makes epoch e's order independent of how the run got there,
        // so a resumed run shuffles exactly as an uninterrupted one.
        SplittableRandom random = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    private static int[] identityOrder(int rows) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        return order;
    }

    private void checkShapes(double[] parameters, Examples training, Examples validation) {
        if (parameters.length != architecture.parameterCount()) {
            throw new IllegalArgumentException("layers=" + architecture.layersText() + " needs "
                    + architecture.parameterCount() + " weights and biases, got " + parameters.length);
        }
        if (training.rows() == 0) {
            throw new IllegalArgumentException("no training examples (0 rows): nothing to train on");
        }
        for (Examples examples : new Examples[] {training, validation}) {
            if (examples.featureCount() != architecture.inputSize()
                    || examples.targetCount() != architecture.outputSize()) {
                throw new IllegalArgumentException("examples have " + examples.featureCount() + " features and "
                        + examples.targetCount() + " targets, but layers=" + architecture.layersText());
            }
        }
    }

    /** Counts updates and samples and decides when an error-log row is due. */
    private final class LogState {
        private long startNanos;
        private long step;
        private long samplesSeen;
        private double pendingError;
        private long pendingSamples;

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
                emit(epoch, Double.NaN);
            }
        }

        void endEpoch(int epoch, double validationError, boolean isLastEpoch) {
            boolean due = settings.logEvery() == 0 || isRowDue();
            if (due || (isLastEpoch && pendingSamples > 0)) {
                emit(epoch, validationError);
            }
        }

        private boolean isRowDue() {
            return settings.logEvery() > 0 && step % settings.logEvery() == 0;
        }

        private void emit(int epoch, double validationError) {
            listener.onLogEntry(new LogEntry(epoch, step, samplesSeen, pendingError, pendingError / pendingSamples,
                    validationError, settings.learningRate(), elapsedMillis()));
            pendingError = 0.0;
            pendingSamples = 0;
        }

        long elapsedMillis() {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }
    }
}
