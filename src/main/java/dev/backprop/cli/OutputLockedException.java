package dev.backprop.cli;

/** Another job holds the lock on the output folder this job was asked to write. */
final class OutputLockedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    OutputLockedException(String message) {
        super(message);
    }
}
