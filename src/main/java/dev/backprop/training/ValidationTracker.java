package dev.backprop.training;

/**
 * Tracks the best validation error of a run and decides when early stopping ends it.
 *
 * <p>An epoch improves on the best when its validation error is below {@code best - min_delta}
 * (the first epoch always does); after {@code patience} epochs in a row without improvement the
 * run stops, as Keras' {@code EarlyStopping} and scikit-learn's {@code n_iter_no_change} do. With
 * {@code patience > 0} the best epoch's weights are copied into a buffer allocated once, so they
 * can be restored at the end. Mutable; belongs to one trainer.
 */
final class ValidationTracker {

    private final int patience;
    private final double minDelta;
    private final double[] bestParameters;

    private int bestEpoch;
    private double bestError = Double.POSITIVE_INFINITY;
    private int epochsSinceImprovement;

    ValidationTracker(int patience, double minDelta, int parameterCount) {
        this.patience = patience;
        this.minDelta = minDelta;
        this.bestParameters = new double[patience > 0 ? parameterCount : 0];
    }

    /** Records an epoch's validation error; NaN (no validation rows) is ignored. */
    void observe(int epoch, double validationError, double[] parameters) {
        if (Double.isNaN(validationError)) {
            return;
        }
        if (validationError < bestError - minDelta) {
            bestEpoch = epoch;
            bestError = validationError;
            epochsSinceImprovement = 0;
            if (bestParameters.length > 0) {
                System.arraycopy(parameters, 0, bestParameters, 0, parameters.length);
            }
        } else {
            epochsSinceImprovement++;
        }
    }

    /** Whether {@code patience} epochs passed without improvement. */
    boolean isExhausted() {
        return patience > 0 && epochsSinceImprovement >= patience;
    }

    /**
     * Copies the best epoch's weights into {@code parameters} when early stopping is on and some
     * epoch was validated; returns the epoch whose weights {@code parameters} now hold, or
     * {@code currentEpoch} when nothing was restored.
     */
    int restoreBest(double[] parameters, int currentEpoch) {
        if (bestParameters.length == 0 || bestEpoch == 0) {
            return currentEpoch;
        }
        System.arraycopy(bestParameters, 0, parameters, 0, parameters.length);
        return bestEpoch;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    /** The best validation error, NaN when no epoch was validated. */
    double bestError() {
        return bestEpoch == 0 ? Double.NaN : bestError;
    }

    int epochsSinceImprovement() {
        return epochsSinceImprovement;
    }

    double[] bestParameters() {
        return bestParameters;
    }

    /** Restores the fields captured in a {@link TrainingState}. */
    void restore(TrainingState state) {
        if (state.bestParameters().length != bestParameters.length) {
            throw new IllegalArgumentException("training state keeps " + state.bestParameters().length
                    + " best-epoch parameters but patience=" + patience + " needs " + bestParameters.length);
        }
        bestEpoch = state.bestEpoch();
        bestError = state.bestValidationError();
        epochsSinceImprovement = state.epochsSinceImprovement();
        System.arraycopy(state.bestParameters(), 0, bestParameters, 0, bestParameters.length);
    }

    /** The raw best error for a state, {@code +Infinity} when none. */
    double bestErrorForState() {
        return bestError;
    }
}
