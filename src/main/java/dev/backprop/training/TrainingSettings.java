package dev.backprop.training;

import dev.backprop.network.Loss;
import java.util.Objects;

/**
 * How one run trains: the hyperparameters the training loop needs, validated on construction.
 * Build one with {@link #builder()}; every value not set keeps the default documented on its
 * builder method.
 *
 * @param learningRate step size eta of gradient descent, {@code > 0}; the schedule's start
 * @param epochs passes over the training rows, {@code >= 1}; an upper bound when early stopping
 *     or a target error is set
 * @param batchSize rows per update; 1 is per-sample training (for {@code sgd} the worked example's
 *     rule), 0 means every training row (full batch; one batch per block of a streamed source)
 * @param threads workers that compute a mini-batch's gradients, {@code >= 1}; ignored for
 *     {@code batchSize = 1}, which runs on the caller's thread
 * @param chunkSize rows whose gradients one worker sums before the fixed-order reduction; the
 *     results depend on it and on the batch size but never on {@code threads}
 * @param logEvery updates between error-log rows; 0 logs one row per epoch
 * @param updateBiases whether biases are trained (the worked example holds them fixed)
 * @param shuffle whether the row order is reshuffled from {@code seed} before every epoch
 * @param seed seed of the shuffling (and, elsewhere, of the initial weights and the split)
 * @param loss the error the run minimises
 * @param optimizer the update rule and its constants
 * @param schedule how the learning rate changes per epoch
 * @param weightDecay L2 coefficient lambda, {@code >= 0}: {@code lambda * w} is added to each
 *     decayed parameter's gradient (the loss gains {@code lambda/2 * ||w||^2}); 0 = off
 * @param decayBiases whether weight decay applies to biases too (off by default, as is usual)
 * @param clipNorm largest Euclidean norm of an update's whole gradient, {@code >= 0}; a larger
 *     gradient is scaled down to it before weight decay is added; 0 = off
 * @param patience epochs without a validation improvement after which training stops and the
 *     best validation epoch's weights are restored, {@code >= 0}; 0 = no early stopping
 * @param minDelta how much the validation error must fall below the best so far to count as an
 *     improvement, {@code >= 0}
 * @param targetError training stops after the first epoch whose mean training error is at most
 *     this (FANN's desired error), {@code >= 0}; NaN = no target
 */
public record TrainingSettings(
        double learningRate,
        int epochs,
        int batchSize,
        int threads,
        int chunkSize,
        long logEvery,
        boolean updateBiases,
        boolean shuffle,
        long seed,
        Loss loss,
        OptimizerSettings optimizer,
        LearningRateSchedule schedule,
        double weightDecay,
        boolean decayBiases,
        double clipNorm,
        int patience,
        double minDelta,
        double targetError) {

    /** Default rows per chunk of a mini-batch. */
    public static final int DEFAULT_CHUNK_SIZE = 16;

    /** Checks every range and names the offending key and value. */
    public TrainingSettings {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        if (!(learningRate > 0.0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning_rate must be a finite number > 0, got " + learningRate);
        }
        checkAtLeast("epochs", epochs, 1);
        checkAtLeast("batch_size", batchSize, 0);
        checkAtLeast("threads", threads, 1);
        checkAtLeast("chunk_size", chunkSize, 1);
        if (logEvery < 0) {
            throw new IllegalArgumentException("log_every must be >= 0 (0 = once per epoch), got " + logEvery);
        }
        checkNonNegative("weight_decay", weightDecay);
        checkNonNegative("clip_norm", clipNorm);
        checkAtLeast("patience", patience, 0);
        checkNonNegative("min_delta", minDelta);
        if (!Double.isNaN(targetError)) {
            checkNonNegative("target_error", targetError);
        }
        if (schedule.kind() == LearningRateSchedule.Kind.COSINE && schedule.minimum() > learningRate) {
            throw new IllegalArgumentException("lr_min must not exceed learning_rate (" + learningRate
                    + ") for lr_schedule=cosine, got " + schedule.minimum());
        }
    }

    /**
     * Plain SGD settings without schedule, regularization or stopping rules: the ten values the
     * training loop had before optimizers existed.
     */
    public TrainingSettings(
            double learningRate, int epochs, int batchSize, int threads, int chunkSize, long logEvery,
            boolean updateBiases, boolean shuffle, long seed, Loss loss) {
        this(learningRate, epochs, batchSize, threads, chunkSize, logEvery, updateBiases, shuffle, seed, loss,
                OptimizerSettings.SGD, LearningRateSchedule.CONSTANT, 0.0, false, 0.0, 0, 0.0, Double.NaN);
    }

    /** A builder holding the defaults of the config keys. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to derive changed ones. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether a per-sample update is plain SGD and so can run fused into the backward pass. */
    boolean isPlainSgd() {
        return optimizer.kind() == OptimizerSettings.Kind.SGD && weightDecay == 0.0
                && clipNorm == 0.0;
    }

    /** The learning rate of a 1-based epoch, after the schedule. */
    public double learningRateAt(int epoch) {
        return schedule.rateAt(learningRate, epoch, epochs);
    }

    private static void checkAtLeast(String key, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(key + " must be >= " + minimum + ", got " + value);
        }
    }

    private static void checkNonNegative(String key, double value) {
        if (!(value >= 0.0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(key + " must be a finite number >= 0, got " + value);
        }
    }

    /**
     * Collects settings and checks them all in {@link #build()}. Not thread-safe.
     */
    public static final class Builder {
        private double learningRate = 0.1;
        private int epochs = 100;
        private int batchSize = 1;
        private int threads = 1;
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private long logEvery;
        private boolean updateBiases = true;
        private boolean shuffle = true;
        private long seed = 1;
        private Loss loss = Loss.SQUARED_ERROR;
        private OptimizerSettings optimizer = OptimizerSettings.SGD;
        private LearningRateSchedule schedule = LearningRateSchedule.CONSTANT;
        private double weightDecay;
        private boolean decayBiases;
        private double clipNorm;
        private int patience;
        private double minDelta;
        private double targetError = Double.NaN;

        private Builder() {}

        private Builder(TrainingSettings s) {
            learningRate = s.learningRate;
            epochs = s.epochs;
            batchSize = s.batchSize;
            threads = s.threads;
            chunkSize = s.chunkSize;
            logEvery = s.logEvery;
            updateBiases = s.updateBiases;
            shuffle = s.shuffle;
            seed = s.seed;
            loss = s.loss;
            optimizer = s.optimizer;
            schedule = s.schedule;
            weightDecay = s.weightDecay;
            decayBiases = s.decayBiases;
            clipNorm = s.clipNorm;
            patience = s.patience;
            minDelta = s.minDelta;
            targetError = s.targetError;
        }

        /** Step size eta; default 0.1. */
        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        /** Passes over the data; default 100. */
        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        /** Rows per update, 0 = all; default 1. */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** Gradient workers of a mini-batch; default 1. */
        public Builder threads(int value) {
            threads = value;
            return this;
        }

        /** Rows per gradient chunk; default {@value TrainingSettings#DEFAULT_CHUNK_SIZE}. */
        public Builder chunkSize(int value) {
            chunkSize = value;
            return this;
        }

        /** Updates between error-log rows, 0 = per epoch; default 0. */
        public Builder logEvery(long value) {
            logEvery = value;
            return this;
        }

        /** Whether biases are trained; default true. */
        public Builder updateBiases(boolean value) {
            updateBiases = value;
            return this;
        }

        /** Whether rows are reshuffled each epoch; default true. */
        public Builder shuffle(boolean value) {
            shuffle = value;
            return this;
        }

        /** Shuffling seed; default 1. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** The loss; default squared error. */
        public Builder loss(Loss value) {
            loss = value;
            return this;
        }

        /** The update rule; default plain SGD. */
        public Builder optimizer(OptimizerSettings value) {
            optimizer = value;
            return this;
        }

        /** The learning-rate schedule; default constant. */
        public Builder schedule(LearningRateSchedule value) {
            schedule = value;
            return this;
        }

        /** L2 coefficient; default 0 (off). */
        public Builder weightDecay(double value) {
            weightDecay = value;
            return this;
        }

        /** Whether weight decay applies to biases; default false. */
        public Builder decayBiases(boolean value) {
            decayBiases = value;
            return this;
        }

        /** Largest gradient norm; default 0 (off). */
        public Builder clipNorm(double value) {
            clipNorm = value;
            return this;
        }

        /** Epochs without validation improvement before stopping; default 0 (off). */
        public Builder patience(int value) {
            patience = value;
            return this;
        }

        /** Smallest validation improvement that counts; default 0. */
        public Builder minDelta(double value) {
            minDelta = value;
            return this;
        }

        /** Mean training error to stop at; default NaN (off). */
        public Builder targetError(double value) {
            targetError = value;
            return this;
        }

        /**
         * Returns the checked settings.
         *
         * @throws IllegalArgumentException naming the first key whose value is out of range
         */
        public TrainingSettings build() {
            return new TrainingSettings(learningRate, epochs, batchSize, threads, chunkSize, logEvery, updateBiases,
                    shuffle, seed, loss, optimizer, schedule, weightDecay, decayBiases, clipNorm, patience, minDelta,
                    targetError);
        }
    }
}
