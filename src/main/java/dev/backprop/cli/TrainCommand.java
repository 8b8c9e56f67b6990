package dev.backprop.cli;

import dev.backprop.data.StorageLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backprop train CONFIG}: trains every run of a job and writes its outputs. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Trains one network per row of the job's hyperparameters table.",
        footer = ExitCode.HELP_TEXT)
final class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIG",
            description = "job file (Java properties), e.g. conf/xor.properties")
    private Path jobFile;

    // A String, not a Path: a Path would fold the '//' of hdfs://namenode/... into one slash.
    @Option(names = "--output", paramLabel = "DIR",
            description = "output folder (local, or a URI such as hdfs://namenode/path),"
                    + " instead of the job file's 'output'")
    private String output;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "overrides a key for every run; repeatable")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--grid", paramLabel = "KEY=V1,V2;KEY=V1,...",
            description = "sweeps the cross product of the values (combined with every table row), "
                    + "e.g. \"learning_rate=0.1,0.5;momentum=0,0.9\"")
    private String grid;

    @Option(names = "--plot", description = "after training, draw error_curves.png and .svg in each output folder")
    private boolean plot;

    @Option(names = "--resume", description = "skip runs whose outputs are complete, continue runs from their"
            + " checkpoints in <output>/.checkpoints/, start the others; for re-running a killed job")
    private boolean resume;

    @Mixin
    private LoggingOptions logging;

    @Option(names = "--log-every-epoch",
            description = "log a line for every epoch, not at most one per 2 seconds; no progress bar")
    private boolean logEveryEpoch;

    @Option(names = "--wait", arity = "0..1", paramLabel = "SECONDS", parameterConsumer = WaitSeconds.class,
            description = "if another job holds the output folder's lock, wait for it (at most SECONDS"
                    + " if given) instead of exiting with code 5")
    private Long waitSeconds;

    @Override
    public Integer call() {
        JobSpec job = JobConfig.load(jobFile, overrides, Optional.ofNullable(grid), Optional.ofNullable(output));
        int exitCode = new TrainJob(job.runs(), job.parallelRuns(), resume,
                new JobOptions(lockWait(), logEveryEpoch, !logging.quiet && !logging.verbose && !logEveryEpoch)).run();
        if (plot) {
            job.runs().stream().map(RunSpec::output).filter(StorageLocation::isLocal)
                    .map(StorageLocation::localPath).distinct()
                    .forEach(folder -> PlotCommand.draw(folder, folder.resolve("error_curves.png")));
        }
        return exitCode;
    }

    private Optional<Duration> lockWait() {
        if (waitSeconds == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(waitSeconds));
    }

    /**
     * Reads {@code --wait}'s optional value only when it is a whole number, so that
     * {@code --wait CONFIG} waits without limit instead of failing to read CONFIG as seconds.
     * No value gives -1, which {@link OutputLock} reads as "no limit".
     */
    static final class WaitSeconds implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            if (!args.isEmpty() && args.peek().matches("[0-9]{1,9}")) {
                argSpec.setValue(Long.parseLong(args.pop()));
            } else {
                argSpec.setValue(-1L);
            }
        }
    }
}
