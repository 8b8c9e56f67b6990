package dev.backprop.cli;

/** The job's exit codes, as documented in the README and {@code --help}. */
final class ExitCode {

    /** Every run trained and its outputs are in place. */
    static final int SUCCESS = 0;
    /** A run's error became NaN or infinite. */
    static final int DIVERGED = 1;
    /** The command line or the configuration is wrong. */
    static final int CONFIG_ERROR = 2;
    /** An input file (data, weights, hyperparameters) holds bad data. */
    static final int INPUT_ERROR = 3;
    /** A file could not be read or written. */
    static final int IO_ERROR = 4;
    /** Another job holds the lock on the output folder. */
    static final int LOCKED = 5;
    /** {@code gradcheck} found a gradient further from its finite difference than the tolerance. */
    static final int GRADIENT_CHECK_FAILED = 6;

    /** The list printed at the end of {@code --help}. */
    static final String HELP_TEXT = "%nExit codes:%n"
            + "  0  success%n"
            + "  1  training diverged (error became NaN or infinite)%n"
            + "  2  usage or configuration error%n"
            + "  3  input data error (the message names file, line or row, column and value)%n"
            + "  4  I/O error (a file could not be read or written)%n"
            + "  5  another job holds the lock on the output folder%n"
            + "  6  gradcheck: a gradient is further from its finite difference than allowed%n";

    private ExitCode() {}
}
