package dev.backprop.training;

/**
 * When a run saves a checkpoint: after every {@code everyEpochs}-th epoch, and after any epoch
 * that ends at least {@code intervalSeconds} after the previous checkpoint (or the start of
 * training). Either rule alone may be switched off with 0; both off means no checkpoints.
 *
 * <p>The time rule bounds the work a killed job loses to about one interval plus one epoch
 * without writing a checkpoint every epoch of a fast run.
 *
 * @param everyEpochs epochs between checkpoints, {@code >= 0}; 0 = no epoch-count rule
 * @param intervalSeconds least seconds between time-based checkpoints, {@code >= 0}; 0 = no
 *     time rule
 */
public record CheckpointPolicy(int everyEpochs, long intervalSeconds) {

    /** No checkpoints at all. */
    public static final CheckpointPolicy NEVER = new CheckpointPolicy(0, 0);

    /** Checks the ranges. */
    public CheckpointPolicy {
        if (everyEpochs < 0 || intervalSeconds < 0) {
            throw new IllegalArgumentException("checkpoint_every=" + everyEpochs + " and checkpoint_interval_seconds="
                    + intervalSeconds + " must both be >= 0");
        }
    }

    /** Whether any checkpoint will ever be saved. */
    public boolean isEnabled() {
        return everyEpochs > 0 || intervalSeconds > 0;
    }

    /**
     * Whether a checkpoint is due after {@code epoch}.
     *
     * @param epoch the 1-based epoch just completed
     * @param nanosSinceLastSave time since the previous checkpoint or the start of training
     */
    public boolean isDue(int epoch, long nanosSinceLastSave) {
        if (everyEpochs > 0 && epoch % everyEpochs == 0) {
            return true;
        }
        return intervalSeconds > 0 && nanosSinceLastSave / 1_000_000_000L >= intervalSeconds;
    }
}
