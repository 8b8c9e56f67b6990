package dev.backprop.training;

import java.util.Objects;

/**
 * Everything a {@link Trainer} needs to continue a run after a completed epoch as if it had never
 * stopped: restoring this state into a trainer with the same settings and training on the same
 * data gives bitwise the same weights and error log (apart from {@code elapsed_ms}) as the
 * uninterrupted run.
 *
 * <p>The shuffle order needs no state: each epoch's order is drawn afresh from the seed and the
 * epoch number. Arrays are copied in and out, so a state never changes once taken.
 *
 * @param completedEpochs epochs finished
 * @param step updates made so far; Adam's bias correction counts from it
 * @param samplesSeen training samples processed so far
 * @param parameters the weights and biases after the last completed epoch, in the flat layout
 * @param optimizerState the optimizer's state arrays (velocity, moments or step sizes), in the
 *     optimizer's fixed order; empty for plain SGD
 * @param bestEpoch the epoch with the lowest validation error so far, 0 if none
 * @param bestValidationError that error, {@code +Infinity} if none
 * @param epochsSinceImprovement epochs since the validation error last improved by
 *     {@code min_delta}
 * @param bestParameters the weights of {@code bestEpoch} when early stopping keeps them, else empty
 * @param pendingError error summed since the last error-log row (with {@code log_every > 0}, a row
 *     may span epochs)
 * @param pendingSamples samples since the last error-log row
 * @param lastEpochError the summed training error of the last completed epoch, NaN before any
 * @param elapsedMillis training time so far, so that {@code elapsed_ms} continues
 */
public record TrainingState(
        int completedEpochs,
        long step,
        long samplesSeen,
        double[] parameters,
        double[][] optimizerState,
        int bestEpoch,
        double bestValidationError,
        int epochsSinceImprovement,
        double[] bestParameters,
        double pendingError,
        long pendingSamples,
        double lastEpochError,
        long elapsedMillis) {

    /** Copies the arrays and checks the counters. */
    public TrainingState {
        parameters = Objects.requireNonNull(parameters, "parameters").clone();
        optimizerState = deepCopy(Objects.requireNonNull(optimizerState, "optimizerState"));
        bestParameters = Objects.requireNonNull(bestParameters, "bestParameters").clone();
        if (completedEpochs < 0 || step < 0 || samplesSeen < 0 || pendingSamples < 0 || bestEpoch < 0) {
            throw new IllegalArgumentException("training state counters must be >= 0: epochs=" + completedEpochs
                    + ", step=" + step + ", samples_seen=" + samplesSeen + ", best_epoch=" + bestEpoch);
        }
    }

    /** A copy of the parameters. */
    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    /** A copy of the optimizer's state arrays. */
    @Override
    public double[][] optimizerState() {
        return deepCopy(optimizerState);
    }

    /** A copy of the best epoch's parameters, empty when not kept. */
    @Override
    public double[] bestParameters() {
        return bestParameters.clone();
    }

    private static double[][] deepCopy(double[][] arrays) {
        double[][] copy = new double[arrays.length][];
        for (int i = 0; i < arrays.length; i++) {
            copy[i] = arrays[i].clone();
        }
        return copy;
    }
}
