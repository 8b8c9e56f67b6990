package dev.backprop.mapreduce;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import dev.backprop.data.CsvLineLayout;
import dev.backprop.data.InputDataException;
import dev.backprop.data.InputProblem;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds, submits and waits for the MapReduce jobs of one run, each reading the training file
 * with one reducer, and reads back their single result.
 */
final class JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /** How often the driver asks whether a job has finished; Hadoop's default is 5 s. */
    private static final String COMPLETION_POLL_KEY = "mapreduce.client.completion.pollinterval";

    /** Polling interval used unless the configuration sets one: a job per epoch makes it matter. */
    private static final int COMPLETION_POLL_MILLIS = 50;

    /** Hadoop's key for jars shipped to the tasks, as {@code -libjars} sets it. */
    private static final String TASK_JARS_KEY = "tmpjars";

    private final Configuration conf;
    private final String runId;
    private final Path data;
    private final Path work;
    private int jobCount;

    JobRunner(Configuration conf, String runId, Path data, Path work) {
        this.conf = new Configuration(conf);
        if (isDefault(this.conf, COMPLETION_POLL_KEY)) {
            this.conf.setInt(COMPLETION_POLL_KEY, COMPLETION_POLL_MILLIS);
        }
        keepLocalRunnerFilesUnder(this.conf, work);
        this.runId = runId;
        this.data = data;
        this.work = work;
        addTaskJars(this.conf);
    }

    /**
     * Hadoop's local job runner keeps each job's staging and task folders under
     * {@code /tmp/hadoop*} and never removes them, one or two per job, so a nightly job of many
     * epochs would pile them up. Unless the user chose those folders, they go under the run's own
     * work folder on the local file system, which the trainer deletes when the run ends.
     */
    private static void keepLocalRunnerFilesUnder(Configuration conf, Path work) {
        boolean isLocalRunner = "local".equals(conf.get("mapreduce.framework.name", "local"));
        boolean isLocalWork = work.toUri().getScheme() == null || "file".equals(work.toUri().getScheme());
        if (!isLocalRunner || !isLocalWork) {
            return;
        }
        if (isDefault(conf, "mapreduce.jobtracker.staging.root.dir")) {
            conf.set("mapreduce.jobtracker.staging.root.dir", new Path(work, "staging").toString());
        }
        if (isDefault(conf, "mapreduce.cluster.local.dir")) {
            conf.set("mapreduce.cluster.local.dir", new Path(work, "local").toString());
        }
    }

    /** Whether a key has no value, or only the one from Hadoop's {@code *-default.xml} files. */
    private static boolean isDefault(Configuration conf, String key) {
        String[] sources = conf.getPropertySources(key);
        return sources == null || java.util.Arrays.stream(sources).allMatch(source -> source.endsWith("-default.xml"));
    }

    /** Reads the header line of a CSV file on any Hadoop file system. */
    static List<String> readHeader(Configuration conf, Path data) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                data.getFileSystem(conf).open(data), StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            if (line == null || CsvLineLayout.isBlank(line)) {
                throw new InputDataException(List.of(new InputProblem(data.toString(), "line 1", "", null,
                        "holds no header line: the first line must name the columns")));
            }
            return CsvLineLayout.parseHeader(data.toString(), line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + data, e);
        }
    }

    /** Runs the profile job over the whole file. */
    DataProfile profile(StepSettings settings) {
        Job job = newJob("profile", settings);
        job.setMapperClass(ProfileMapper.class);
        job.setReducerClass(ProfileReducer.class);
        job.setOutputValueClass(DataProfile.class);
        Path output = waitFor(job);
        return WeightsFiles.readResult(job.getConfiguration(), output, new DataProfile());
    }

    /** Runs one job of {@code mapper} at {@code weights}, shipped in the distributed cache. */
    PartialSum step(Class<? extends Mapper<?, ?, ?, ?>> mapper, StepSettings settings, double[] weights,
            String label) {
        Path weightsFile = new Path(work, "weights-" + (jobCount + 1) + ".bin");
        WeightsFiles.write(conf, weightsFile, weights);
        Job job = newJob(label, settings);
        job.addCacheFile(qualified(weightsFile).toUri());
        job.setMapperClass(mapper.asSubclass(Mapper.class));
        job.setCombinerClass(PartialSumCombiner.class);
        job.setReducerClass(PartialSumReducer.class);
        job.setOutputValueClass(PartialSum.class);
        Path output = waitFor(job);
        return WeightsFiles.readResult(job.getConfiguration(), output, new PartialSum());
    }

    private Path qualified(Path path) {
        try {
            return path.getFileSystem(conf).makeQualified(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + path, e);
        }
    }

    private Job newJob(String label, StepSettings settings) {
        try {
            Job job = Job.getInstance(conf, "backprop run " + runId + ": " + label);
            settings.writeTo(job.getConfiguration());
            job.setJarByClass(MapReduceTrainer.class);
            job.setInputFormatClass(TextInputFormat.class);
            FileInputFormat.addInputPath(job, data);
            job.setMapOutputKeyClass(LongWritable.class);
            job.setOutputKeyClass(LongWritable.class);
            job.setNumReduceTasks(1);
            job.setOutputFormatClass(SequenceFileOutputFormat.class);
            jobCount++;
            FileOutputFormat.setOutputPath(job, new Path(work, "job-" + jobCount));
            return job;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a MapReduce job for run " + runId, e);
        }
    }

    private Path waitFor(Job job) {
        long startNanos = System.nanoTime();
        try {
            if (!job.waitForCompletion(false)) {
                throw new JobFailedException("MapReduce job '" + job.getJobName() + "' (" + job.getJobID()
                        + ") ended " + job.getJobState() + ": " + job.getStatus().getFailureInfo()
                        + "; the task logs are in the job history (mapred job -logs " + job.getJobID() + ")",
                        null);
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("job '{}' ({}) took {} ms, {} samples", job.getJobName(), job.getJobID(),
                        (System.nanoTime() - startNanos) / 1_000_000,
                        job.getCounters().findCounter(RowCounter.SAMPLES_PROCESSED).getValue());
            }
            return FileOutputFormat.getOutputPath(job);
        } catch (IOException e) {
            throw new UncheckedIOException("MapReduce job '" + job.getJobName() + "' failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobFailedException("interrupted while waiting for MapReduce job '" + job.getJobName()
                    + "'", e);
        } catch (ClassNotFoundException e) {
            throw new JobFailedException("MapReduce job '" + job.getJobName() + "': " + e.getMessage(), e);
        }
    }

    /**
     * Ships the jars the tasks need, as {@code -libjars} would: when this class runs from
     * {@code backprop.jar}, every jar in the {@code lib/} folder beside it except Hadoop's own
     * client jars, which the cluster provides. Jars the user already listed are kept.
     */
    private static void addTaskJars(Configuration conf) {
        File jar = codeSource();
        File lib = jar == null ? null : new File(jar.getParentFile(), "lib");
        if (jar == null || !jar.isFile() || lib == null || !lib.isDirectory()) {
            return;
        }
        List<String> jars = new ArrayList<>();
        String listed = conf.get(TASK_JARS_KEY, "");
        if (!listed.isEmpty()) {
            jars.add(listed);
        }
        File[] files = lib.listFiles((folder, name) -> name.endsWith(".jar") && !name.startsWith("hadoop-client-"));
        for (File file : files == null ? new File[0] : files) {
            jars.add(file.toURI().toString());
        }
        conf.set(TASK_JARS_KEY, String.join(",", jars));
    }

    private static File codeSource() {
        try {
            return new File(MapReduceTrainer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }
}
