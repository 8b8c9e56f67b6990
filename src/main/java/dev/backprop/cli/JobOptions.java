package dev.backprop.cli;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a job runs, from command-line flags rather than the job's configuration.
 *
 * @param lockWait how long to wait for another job's lock on an output folder: empty = exit
 *     with code 5 at once; a negative duration = no limit (see {@link OutputLock})
 * @param isLoggingEveryEpoch log a line for every epoch instead of at most one per
 *     {@link RunTrainer#PROGRESS_INTERVAL_MILLIS}
 * @param isProgressBarAllowed show a progress bar when stderr is a terminal (not with
 *     {@code --quiet}, {@code --verbose} or {@code --log-every-epoch})
 */
record JobOptions(Optional<Duration> lockWait, boolean isLoggingEveryEpoch, boolean isProgressBarAllowed) {

    /** Checks that the wait is present or empty, never null. */
    JobOptions {
        Objects.requireNonNull(lockWait, "lockWait");
    }

    /** These options without the progress bar. */
    JobOptions withoutProgressBar() {
        return new JobOptions(lockWait, isLoggingEveryEpoch, false);
    }

    /** Options of a job that waits for no lock, logs throttled progress and shows no bar. */
    static JobOptions defaults() {
        return new JobOptions(Optional.empty(), false, false);
    }
}
