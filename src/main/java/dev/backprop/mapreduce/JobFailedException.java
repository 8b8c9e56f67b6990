package dev.backprop.mapreduce;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A MapReduce job of a run did not succeed; the message names the job, its id and state, and
 * where to find the failed tasks' logs. An I/O failure as far as the caller is concerned (the
 * command exits with the I/O error code).
 */
public final class JobFailedException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message and, if any, the cause. */
    public JobFailedException(String message, Throwable cause) {
        super(message, new IOException(message, cause));
    }
}
