package dev.backprop.cli;

/** Some runs of a job diverged (their errors became NaN or infinite); the job exits with 1. */
final class RunsDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RunsDivergedException(String message) {
        super(message);
    }
}
