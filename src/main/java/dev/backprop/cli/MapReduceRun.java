package dev.backprop.cli;

import dev.backprop.data.DatasetRequest;
import dev.backprop.data.Scaling;
import dev.backprop.data.StorageLocation;
import dev.backprop.mapreduce.MapReduceMode;
import dev.backprop.mapreduce.MapReduceOutcome;
import dev.backprop.mapreduce.MapReduceRequest;
import dev.backprop.mapreduce.MapReduceTrainer;
import dev.backprop.training.TrainingListener;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run on the MapReduce engine ({@code engine=mapreduce}): turns its {@link RunSpec} into a
 * {@link MapReduceRequest} and the Hadoop configuration to submit it with. {@link RunTrainer}
 * writes the outputs, the same as for the local engine.
 *
 * <p>The configuration is Hadoop's usual one (the {@code *-site.xml} files on the class path,
 * {@code HADOOP_CONF_DIR} under {@code hadoop jar}) plus the files {@code hadoop_conf} names.
 * {@code data} is read by the cluster's mappers where it is: an {@code hdfs://} location as
 * written, a local path as an absolute path in Hadoop's default file system. Scratch files go to a
 * hidden folder in the output folder, deleted at the end.
 */
final class MapReduceRun {

    private static final Logger LOG = LoggerFactory.getLogger(MapReduceRun.class);

    private final RunSpec run;

    MapReduceRun(RunSpec run) {
        this.run = run;
    }

    /** Whether the run asks for the MapReduce engine. */
    static boolean isRequested(RunSpec run) {
        return "mapreduce".equals(run.settings().get(ConfigKey.ENGINE.key()));
    }

    /** Trains {@code parameters} in place on the cluster; the error log goes to {@code listener}. */
    MapReduceOutcome train(double[] parameters, TrainingListener listener) {
        MapReduceRequest request = new MapReduceRequest(run.runId(), hadoopText(run.data()),
                new DatasetRequest(run.features(), run.targets(), run.architecture().outputSize()),
                run.architecture(), run.training(), Scaling.Kind.fromConfig(run.scale()),
                MapReduceMode.fromConfig(run.settings().get(ConfigKey.MAPREDUCE_MODE.key())),
                hadoopText(run.output()) + "/.backprop-work-" + run.runId() + "-" + UUID.randomUUID());
        LOG.info("run {}: training layers={} on {} with engine=mapreduce, mapreduce_mode={}, {} epochs",
                run.runId(), run.architecture().layersText(), request.dataLocation(), request.mode().configName(),
                run.training().epochs());
        return new MapReduceTrainer(hadoopConfiguration(), request).train(parameters, listener);
    }

    private Configuration hadoopConfiguration() {
        Configuration conf = new Configuration();
        String files = run.settings().getOrDefault(ConfigKey.HADOOP_CONF.key(), "");
        for (String file : files.split(",")) {
            if (!file.isBlank()) {
                conf.addResource(new org.apache.hadoop.fs.Path(file.trim()));
            }
        }
        return conf;
    }

    private static String hadoopText(StorageLocation location) {
        return location.isLocal() ? location.localPath().toAbsolutePath().toString() : location.text();
    }
}
