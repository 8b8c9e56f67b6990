package dev.backprop.training;

/**
 * One row of the error log.
 *
 * @param epoch 1-based epoch the row's last update belongs to
 * @param step updates made so far, this row's included
 * @param samplesSeen training samples processed so far
 * @param error sum of the errors of the samples since the previous row, each computed in the
 *     forward pass before its own update
 * @param meanError {@code error} divided by the number of those samples
 * @param validationError error summed over the validation rows after the epoch's last update, on
 *     rows that end an epoch of a run with a validation split; {@code NaN} otherwise
 * @param learningRate the learning rate of the row's last update
 * @param elapsedMillis wall-clock time since training started
 */
public record LogEntry(
        int epoch,
        long step,
        long samplesSeen,
        double error,
        double meanError,
        double validationError,
        double learningRate,
        long elapsedMillis) {}
