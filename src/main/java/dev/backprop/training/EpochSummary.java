package dev.backprop.training;

/**
 * What one epoch achieved, for progress reports.
 *
 * @param epoch 1-based epoch number
 * @param trainingError errors of the epoch's samples, summed, each before its own update
 * @param meanTrainingError {@code trainingError} per sample
 * @param validationError summed error on the validation rows after the epoch, NaN without a split
 * @param samplesPerSecond training samples per second over this epoch
 * @param elapsedMillis wall-clock time since training started
 */
public record EpochSummary(
        int epoch,
        double trainingError,
        double meanTrainingError,
        double validationError,
        double samplesPerSecond,
        long elapsedMillis) {}
