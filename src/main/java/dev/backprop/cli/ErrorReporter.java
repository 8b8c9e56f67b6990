package dev.backprop.cli;

import dev.backprop.data.InputDataException;
import dev.backprop.training.TrainingDivergedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one line per problem on stderr and the documented exit code.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    private final boolean verbose;

    ErrorReporter(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        return report(exception);
    }

    /** Prints one line per problem of {@code exception} (and its stack trace if verbose); returns the exit code. */
    int report(Throwable exception) {
        for (String line : messagesOf(exception)) {
            System.err.println("backprop: error: " + line);
        }
        if (verbose) {
            exception.printStackTrace(System.err);
        }
        return exitCodeOf(exception);
    }

    /**
     * The exit code for an exception, by its kind: the documented meaning of each code in
     * {@link ExitCode}. An exception of no known kind that was caused by an I/O failure (a Parquet
     * or Hadoop writer wraps its {@code IOException}s in its own types) is an I/O error; anything
     * else is reported as a usage or configuration error.
     */
    static int exitCodeOf(Throwable exception) {
        int known = knownExitCodeOf(exception);
        if (known >= 0) {
            return known;
        }
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return ExitCode.IO_ERROR;
            }
        }
        return ExitCode.CONFIG_ERROR;
    }

    private static int knownExitCodeOf(Throwable exception) {
        if (exception instanceof TrainingDivergedException || exception instanceof RunsDivergedException) {
            return ExitCode.DIVERGED;
        }
        if (exception instanceof InputDataException || exception instanceof dev.backprop.output.WeightsFileException) {
            return ExitCode.INPUT_ERROR;
        }
        if (exception instanceof UncheckedIOException || exception instanceof IOException) {
            return ExitCode.IO_ERROR;
        }
        if (exception instanceof OutputLockedException) {
            return ExitCode.LOCKED;
        }
        if (exception instanceof IllegalArgumentException) {
            return ExitCode.CONFIG_ERROR;
        }
        return -1;
    }

    private static java.util.List<String> messagesOf(Throwable exception) {
        if (exception instanceof ConfigException config) {
            return config.problems();
        }
        if (exception instanceof InputDataException input) {
            return input.describeAll();
        }
        return java.util.List.of(withCause(exception));
    }

    private static String fileSystemReason(java.nio.file.FileSystemException problem) {
        if (problem.getReason() != null) {
            return problem.getReason();
        }
        if (problem instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder";
        }
        if (problem instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (problem instanceof java.nio.file.NotDirectoryException) {
            return "not a folder";
        }
        if (problem instanceof java.nio.file.FileAlreadyExistsException) {
            return "already exists";
        }
        return problem.getClass().getSimpleName();
    }

    /**
     * The exception's message, followed by its cause's when that adds something: a message such
     * as "cannot write weights.parquet" is only useful with "No space left on device" after it.
     */
    private static String withCause(Throwable exception) {
        String message = exception.getMessage();
        if (message == null) {
            message = exception.getClass().getSimpleName();
        }
        Throwable cause = exception.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
        } else if (cause instanceof java.nio.file.FileSystemException fileProblem) {
            // These carry only the path as their message; the kind of problem is the class.
            message += ": " + fileSystemReason(fileProblem);
        }
        if (knownExitCodeOf(exception) < 0 && !(cause instanceof IOException)) {
            message = "unexpected " + exception.getClass().getName() + ": " + message
                    + " (run with --verbose for the stack trace)";
        }
        return message;
    }
}
