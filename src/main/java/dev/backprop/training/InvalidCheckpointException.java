package dev.backprop.training;

import java.nio.file.Path;

/**
 * Thrown when a checkpoint file exists but cannot be used: it is truncated, fails its checksum,
 * or was written by another checkpoint format version. The message names the file.
 */
public final class InvalidCheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code file}, saying what is wrong with it. */
    public InvalidCheckpointException(Path file, String problem) {
        super("checkpoint " + file + " cannot be used: " + problem);
    }

    /** Creates the exception for {@code file}, keeping the read failure as the cause. */
    public InvalidCheckpointException(Path file, String problem, Throwable cause) {
        super("checkpoint " + file + " cannot be used: " + problem, cause);
    }
}
