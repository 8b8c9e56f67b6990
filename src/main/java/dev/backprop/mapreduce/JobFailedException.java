package dev.backprop.mapreduce;

/**
 * A MapReduce job of a run did not succeed; the message names the job, its id and state, and
 * where to find the failed tasks' logs.
 */
public final class JobFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message and, if any, the cause. */
    public JobFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
