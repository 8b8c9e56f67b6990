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
        for (String line : messagesOf(exception)) {
            System.err.println("backprop: error: " + line);
        }
        if (verbose) {
            exception.printStackTrace(System.err);
        }
        return exitCodeOf(exception);
    }

    /** The exit code for an exception, by its kind. */
    static int exitCodeOf(Throwable exception) {
        if (exception instanceof TrainingDivergedException) {
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
        return ExitCode.CONFIG_ERROR;
    }

    private static java.util.List<String> messagesOf(Exception exception) {
        if (exception instanceof ConfigException config) {
            return config.problems();
        }
        if (exception instanceof InputDataException input) {
            return input.describeAll();
        }
        String message = exception.getMessage();
        return java.util.List.of(message == null ? exception.getClass().getSimpleName() : message);
    }
}
