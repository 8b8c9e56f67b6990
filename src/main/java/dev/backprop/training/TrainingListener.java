package dev.backprop.training;

/**
 * Receives the error log and progress of a run while it trains.
 *
 * <p>Called on the training thread; an implementation that blocks slows training down. Any
 * exception it throws ends the run.
 */
public interface TrainingListener {

    /** Called for each row of the error log, in step order. */
    void onLogEntry(LogEntry entry);

    /** Called after each epoch; does nothing by default. */
    default void onEpochEnd(EpochSummary summary) {}

    /** A listener that ignores everything. */
    TrainingListener NONE = entry -> {};
}
