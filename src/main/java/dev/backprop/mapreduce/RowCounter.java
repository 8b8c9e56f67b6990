package dev.backprop.mapreduce;

/**
 * The counters every backprop MapReduce job reports, visible in the job's history and the
 * ResourceManager's web pages while it runs.
 */
public enum RowCounter {
    /** Lines read from the input splits, header and blank lines included. */
    ROWS_READ,
    /** Lines that are not training rows: the header and blank lines. */
    ROWS_SKIPPED,
    /** Training rows whose forward (and backward) pass ran. */
    SAMPLES_PROCESSED
}
