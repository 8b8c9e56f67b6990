package dev.backprop.training;

/** Why a run stopped training. */
public enum StopReason {
    /** All configured epochs ran. */
    EPOCHS_COMPLETED
}
