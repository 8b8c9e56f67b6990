package dev.backprop.training;

import java.util.Locale;

/** Why a run stopped training; written to {@code summary.json} as {@code stop_reason}. */
public enum StopReason {
    /** All configured epochs ran. */
    EPOCHS_COMPLETED,
    /** The validation error did not improve for {@code patience} epochs. */
    EARLY_STOPPING,
    /** An epoch's mean training error reached {@code target_error}. */
    TARGET_ERROR;

    /** The lower-case name written to outputs, e.g. {@code early_stopping}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
