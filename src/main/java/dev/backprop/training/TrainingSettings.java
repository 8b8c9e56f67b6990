package dev.backprop.training;

import dev.backprop.network.Loss;
import java.util.Objects;

/**
 * How one run trains: the hyperparameters the training loop needs, validated on construction.
 *
 * @param learningRate step size eta of gradient descent, {@code > 0}
 * @param epochs passes over the training rows, {@code >= 1}
 * @param batchSize rows per update; 1 is per-sample SGD, the worked example's rule
 * @param threads workers that compute a mini-batch's gradients, {@code >= 1}; ignored for
 *     {@code batchSize = 1}, which runs on the caller's thread
 * @param chunkSize rows whose gradients one worker sums before the fixed-order reduction; the
 *     results depend on it and on the batch size but never on {@code threads}
 * @param logEvery updates between error-log rows; 0 logs one row per epoch
 * @param updateBiases whether biases are trained (the worked example holds them fixed)
 * @param shuffle whether the row order is reshuffled from {@code seed} before every epoch
 * @param seed seed of the shuffling (and, elsewhere, of the initial weights and the split)
 * @param loss the error the run minimises
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
        Loss loss) {

    /** Default rows per chunk of a mini-batch. */
    public static final int DEFAULT_CHUNK_SIZE = 16;

    /** Checks every range and names the offending key and value. */
    public TrainingSettings {
        Objects.requireNonNull(loss, "loss");
        if (!(learningRate > 0.0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning_rate must be a finite number > 0, got " + learningRate);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk_size must be >= 1, got " + chunkSize);
        }
        if (logEvery < 0) {
            throw new IllegalArgumentException("log_every must be >= 0 (0 = once per epoch), got " + logEvery);
        }
    }
}
