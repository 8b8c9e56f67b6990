package dev.backprop.cli;

import dev.backprop.data.DatasetRequest;
import dev.backprop.data.Scaling;
import dev.backprop.mapreduce.MapReduceMode;
import dev.backprop.mapreduce.MapReduceOutcome;
import dev.backprop.mapreduce.MapReduceRequest;
import dev.backprop.mapreduce.MapReduceTrainer;
import dev.backprop.mapreduce.RunPublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one run on the MapReduce engine ({@code engine=mapreduce}) and writes the same outputs as
 * the local engine, through {@link RunTrainer}.
 *
 * <p>Locations: {@code data} and {@code output} written with a scheme ({@code hdfs://nn/path}) are
 * taken as they are; without one they are the resolved paths, in Hadoop's default file system.
 * Outputs on a non-local file system are written to a local staging folder first and uploaded
 * when complete, so the run folder appears on the cluster whole or not at all.
 */
final class MapReduceRun {

    private static final Logger LOG = LoggerFactory.getLogger(MapReduceRun.class);

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");

    private MapReduceRun() {}

    /** Whether the run asks for the MapReduce engine. */
    static boolean isRequested(RunSpec run) {
        return "mapreduce".equals(run.settings().get(ConfigKey.ENGINE.key()));
    }

    /** Trains the run on the cluster the configuration names and commits its outputs. */
    static void trainAndCommit(RunSpec run, double[] initialParameters) {
        Configuration conf = hadoopConfiguration(run);
        String data = location(run, ConfigKey.DATA, run.data());
        String output = location(run, ConfigKey.OUTPUT, run.output());
        MapReduceRequest request = new MapReduceRequest(run.runId(), data,
                new DatasetRequest(run.features(), run.targets(), run.architecture().outputSize()),
                run.architecture(), run.training(), Scaling.Kind.fromConfig(run.scale()),
                MapReduceMode.fromConfig(run.settings().get(ConfigKey.MAPREDUCE_MODE.key())),
                output + "/.backprop-work-" + run.runId() + "-" + UUID.randomUUID());
        LOG.info("run {}: training layers={} on {} with engine=mapreduce, mapreduce_mode={}, {} epochs",
                run.runId(), run.architecture().layersText(), data, request.mode().configName(),
                run.training().epochs());

        RunTrainer.Engine engine = listener -> {
            double[] parameters = initialParameters;
            MapReduceOutcome outcome = new MapReduceTrainer(conf, request).train(parameters, listener);
            return new RunTrainer.TrainedRun(outcome.dataset(), outcome.scaling(), parameters, outcome.result(),
                    outcome.training(), Optional.empty());
        };
        if (isLocal(output)) {
            new RunTrainer(run).trainAndCommit(engine, run.output());
            return;
        }
        Path staging = createStagingFolder();
        try {
            Path committed = new RunTrainer(run).trainAndCommit(engine, staging);
            RunPublisher.publish(conf, committed, output);
        } finally {
            deleteQuietly(staging);
        }
    }

    private static Configuration hadoopConfiguration(RunSpec run) {
        Configuration conf = new Configuration();
        String files = run.settings().getOrDefault(ConfigKey.HADOOP_CONF.key(), "");
        for (String file : files.split(",")) {
            if (!file.isBlank()) {
                conf.addResource(new org.apache.hadoop.fs.Path(file.trim()));
            }
        }
        return conf;
    }

    private static String location(RunSpec run, ConfigKey key, Path resolved) {
        String text = run.settings().getOrDefault(key.key(), "");
        return SCHEME.matcher(text).matches() ? text : resolved.toAbsolutePath().toString();
    }

    private static boolean isLocal(String location) {
        return !SCHEME.matcher(location).matches() || location.startsWith("file:");
    }

    private static Path createStagingFolder() {
        try {
            return Files.createTempDirectory("backprop-staging-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a local staging folder for the outputs", e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete the staging folder {}: {}", folder, e.getMessage());
        }
    }
}
