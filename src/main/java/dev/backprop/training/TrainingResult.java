package dev.backprop.training;

/**
 * What a finished run did.
 *
 * @param epochs epochs completed
 * @param steps updates made
 * @param samplesSeen training samples processed
 * @param finalError summed error of the last epoch's samples, each before its own update
 * @param finalMeanError {@code finalError} per sample
 * @param trainingMillis wall-clock time of the training loop
 * @param stopReason why training stopped
 * @param bestEpoch the epoch with the lowest validation error, 0 without validation rows
 * @param bestValidationError that epoch's validation error, NaN without validation rows
 * @param weightsEpoch the epoch whose weights the parameters hold at the end: {@code bestEpoch}
 *     when early stopping restored them, otherwise the last epoch
 */
public record TrainingResult(
        int epochs,
        long steps,
        long samplesSeen,
        double finalError,
        double finalMeanError,
        long trainingMillis,
        StopReason stopReason,
        int bestEpoch,
        double bestValidationError,
        int weightsEpoch) {

    /** Training samples per second over the whole run. */
    public double samplesPerSecond() {
        return trainingMillis == 0 ? Double.NaN : samplesSeen * 1000.0 / trainingMillis;
    }
}
