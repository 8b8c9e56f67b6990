package dev.backprop.training;

import java.util.Objects;

/**
 * A run's saved progress: its {@link TrainingState} after a completed epoch, the number of
 * error-log rows written up to then, and the fingerprint of the configuration and data it was
 * trained on, so that it is never continued under different ones.
 *
 * @param fingerprint identifies the run's configuration and data; compared, never interpreted
 * @param logRowCount error-log rows emitted up to and including the state's last epoch, {@code >= 0}
 * @param state the trainer's state after {@code state.completedEpochs()} epochs
 */
public record Checkpoint(String fingerprint, long logRowCount, TrainingState state) {

    /** Checks the arguments. */
    public Checkpoint {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(state, "state");
        if (logRowCount < 0) {
            throw new IllegalArgumentException("logRowCount must be >= 0, got " + logRowCount);
        }
    }

    /** The epochs the checkpoint's state has completed. */
    public int completedEpochs() {
        return state.completedEpochs();
    }
}
