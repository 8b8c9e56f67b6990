package dev.backprop.cli;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code backprop} command line: {@code train}, {@code predict}, {@code evaluate}, {@code trace},
 * {@code gradcheck}, {@code plot} and {@code runs} (see each command's {@code --help}).
 *
 * <p>Messages go to stderr, one line each, with no stack trace unless {@code --verbose} is given;
 * the exit code says what kind of failure it was (see {@link ExitCode}).
 */
@Command(
        name = "backprop",
        mixinStandardHelpOptions = true,
        version = "backprop 0.1.0",
        description = "Trains feed-forward neural networks by backpropagation.",
        subcommands = {
            TrainCommand.class,
            PredictCommand.class,
            EvaluateCommand.class,
            TraceCommand.class,
            GradcheckCommand.class,
            PlotCommand.class,
            RunsCommand.class,
            ShowCommand.class,
            ConvertCommand.class,
            MakeDataCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = ExitCode.HELP_TEXT)
public final class Main implements java.util.concurrent.Callable<Integer> {

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code instead of exiting; used by tests. */
    public static int run(String... args) {
        return run(CommandLine.defaultFactory(), args);
    }

    /** Runs the command line with a picocli factory that creates the commands; a seam for tests. */
    static int run(CommandLine.IFactory factory, String... args) {
        List<String> arguments = Arrays.asList(args);
        boolean verbose = arguments.contains("--verbose");
        LoggingSetup.configure(verbose, arguments.contains("--quiet"));

        CommandLine commandLine = new CommandLine(new Main(), factory);
        ErrorReporter reporter = new ErrorReporter(verbose);
        commandLine.setExecutionExceptionHandler(reporter);
        commandLine.setParameterExceptionHandler(Main::reportUsageError);
        commandLine.setExitCodeExceptionMapper(ErrorReporter::exitCodeOf);
        try {
            return commandLine.execute(args);
        } catch (Error e) {
            // picocli hands only Exceptions to the handler; an OutOfMemoryError or a missing class
            // still gets its one line and an exit code instead of a bare stack trace.
            return reporter.report(e);
        }
    }

    @Override
    public Integer call() {
        // No command given: a usage error, so a script that forgot the command does not pass silently.
        CommandLine.usage(this, System.err);
        return ExitCode.CONFIG_ERROR;
    }

    /** A mistyped command line: one error line and where to find the usage, instead of the whole usage. */
    private static int reportUsageError(CommandLine.ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        command.getErr().println("backprop: error: " + problem.getMessage());
        command.getErr().println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
        return ExitCode.CONFIG_ERROR;
    }
}
