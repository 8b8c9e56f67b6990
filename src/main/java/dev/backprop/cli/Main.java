package dev.backprop.cli;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code backprop} command line: {@code train}, {@code predict}, {@code evaluate}, {@code trace},
 * {@code gradcheck}, {@code plot} and {@code runs} (see each command's {@code --help}).
 *
 * <p>Messages go to stderr, one line each, with no stack trace unless {@code --verbose} is given;
 * the exit code says what kind of failure it was (see {@link ExitCode}).
 *
 * <p>Only the command named first on the command line is registered with picocli (all of them
 * when the first argument names none, as for {@code --help}, {@code help} or a typo): picocli
 * builds each registered command's model by reflection, and building all eleven took about
 * 60 ms of a worked example's 0.55 s run.
 */
@Command(
        name = "backprop",
        mixinStandardHelpOptions = true,
        version = "backprop 0.1.0",
        description = "Trains feed-forward neural networks by backpropagation.",
        footer = ExitCode.HELP_TEXT)
public final class Main implements java.util.concurrent.Callable<Integer> {

    /** Every command by the name its {@code @Command} gives it, in the usage's order. */
    static final Map<String, Class<?>> COMMANDS = commands();

    @Spec
    private CommandSpec spec;

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

        if (args.length > 0 && args[0].equals("train")) {
            // Before picocli, which takes a tenth of a second to build its model.
            StartupWarmUp.start();
        }

        CommandLine commandLine = new CommandLine(new Main(), factory);
        addCommands(commandLine, args);
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

    /** Registers the command that {@code args} names, or every command when it names none. */
    private static void addCommands(CommandLine commandLine, String... args) {
        String first = args.length == 0 ? "" : args[0];
        boolean isOneCommand = COMMANDS.containsKey(first) && !first.equals("help");
        COMMANDS.forEach((name, command) -> {
            if (!isOneCommand || name.equals(first)) {
                commandLine.addSubcommand(name, command);
            }
        });
    }

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("train", TrainCommand.class);
        commands.put("predict", PredictCommand.class);
        commands.put("evaluate", EvaluateCommand.class);
        commands.put("trace", TraceCommand.class);
        commands.put("gradcheck", GradcheckCommand.class);
        commands.put("plot", PlotCommand.class);
        commands.put("runs", RunsCommand.class);
        commands.put("show", ShowCommand.class);
        commands.put("convert", ConvertCommand.class);
        commands.put("make-data", MakeDataCommand.class);
        commands.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(commands);
    }

    @Override
    public Integer call() {
        // No command given: a usage error, so a script that forgot the command does not pass silently.
        spec.commandLine().usage(System.err);
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
