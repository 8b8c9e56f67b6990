package dev.backprop.cli;

import java.util.List;

/**
 * A resolved job: its runs, in table (and grid) order, and the settings that hold for the whole
 * job.
 *
 * @param runs the runs, each checked
 * @param parallelRuns how many runs train at the same time, {@code >= 1}
 */
record JobSpec(List<RunSpec> runs, int parallelRuns) {

    /** Copies the run list. */
    JobSpec {
        runs = List.copyOf(runs);
        if (parallelRuns < 1) {
            throw new IllegalArgumentException("parallel_runs must be >= 1, got " + parallelRuns);
        }
    }
}
