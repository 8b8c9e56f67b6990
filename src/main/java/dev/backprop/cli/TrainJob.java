package dev.backprop.cli;

import dev.backprop.data.CsvDatasetReader;
import dev.backprop.data.Dataset;
import dev.backprop.data.DatasetRequest;
import dev.backprop.data.ParquetDatasetReader;
import dev.backprop.data.ParquetExampleSource;
import dev.backprop.data.StorageLocation;
import dev.backprop.network.Initializer;
import dev.backprop.output.RunOutput;
import dev.backprop.output.WeightsFile;
import dev.backprop.training.Checkpoint;
import dev.backprop.training.TrainingDivergedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the runs of one job: reads and checks every input first, then trains the runs and moves
 * each run's outputs into place only when they are complete.
 *
 * <p>Runs train one after the other, or {@code parallel_runs} at a time on a pool of run threads.
 * Parallel runs share the loaded data sets and initial weights read-only; everything a run
 * writes to (weights, optimizer state, worker threads, output folder) is its own, so each run's
 * results are bitwise the same as when trained alone. Each run still starts its own
 * {@code threads} mini-batch workers, so a job uses up to {@code parallel_runs * threads} cores.
 * If a run fails with an error other than divergence, runs not yet started are cancelled, the
 * running ones are allowed to finish, and the first failure is rethrown.
 */
final class TrainJob {

    private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

    private final List<RunSpec> runs;
    private final int parallelRuns;
    private final boolean isResuming;
    private final JobOptions options;
    private final Map<String, Dataset> datasets = new HashMap<>();
    private final Map<String, ParquetExampleSource> streams = new HashMap<>();
    private final Map<String, double[]> initialWeights = new HashMap<>();
    private final RunFingerprints fingerprints = new RunFingerprints();
    private ResumePlan resumePlan;

    /** A job that trains its runs one after the other, with {@link JobOptions#defaults()}. */
    TrainJob(List<RunSpec> runs) {
        this(runs, 1, false, JobOptions.defaults());
    }

    /**
     * A job that trains up to {@code parallelRuns} runs at the same time; with
     * {@code isResuming} ({@code --resume}), complete runs are skipped and checkpointed ones
     * continued (see {@link ResumePlan}).
     */
    TrainJob(List<RunSpec> runs, int parallelRuns, boolean isResuming, JobOptions options) {
        this.runs = runs;
        this.parallelRuns = parallelRuns;
        this.isResuming = isResuming;
        // Bars of runs trained side by side would overwrite each other's line.
        this.options = parallelRuns > 1 && runs.size() > 1 ? options.withoutProgressBar() : options;
    }

    /**
     * Reads and checks every input, locks the output folders, cleans up what killed jobs left in
     * them, trains every run and returns the job's exit code.
     */
    int run() {
        LOG.info("job has {} run(s): {}", runs.size(), runIds());
        StartupWarmUp.startForCodec(runs.get(0).compression());
        readInputs();

        // Sorted, so that two jobs waiting for overlapping sets of folders cannot deadlock. Only
        // local folders are locked: a lock file on HDFS or S3 would not be released by a dead job.
        Set<Path> localOutputs = new TreeSet<>();
        runs.stream().map(RunSpec::output).filter(StorageLocation::isLocal)
                .forEach(output -> localOutputs.add(output.localPath().toAbsolutePath().normalize()));
        List<OutputLock> locks = new ArrayList<>();
        try {
            for (Path output : localOutputs) {
                locks.add(OutputLock.acquire(output, options.lockWait()));
            }
            localOutputs.forEach(RunOutput::recover);
            return trainAll();
        } finally {
            locks.forEach(OutputLock::close);
        }
    }

    private int trainAll() {
        Set<StorageLocation> outputs = new LinkedHashSet<>();
        runs.forEach(run -> outputs.add(run.output()));
        List<RunSpec> toTrain = runs;
        if (isResuming) {
            resumePlan = ResumePlan.of(runs, this::fingerprintOf);
            toTrain = resumePlan.runsToTrain();
        }
        int diverged = parallelRuns > 1 && toTrain.size() > 1 ? trainInParallel(toTrain) : trainInTurn(toTrain);
        if (diverged > 0) {
            // The runs' own ERROR lines say where each diverged; this is the job's one-line verdict.
            throw new RunsDivergedException(diverged + " of " + toTrain.size() + " run(s) diverged; their outputs"
                    + " were not written, the other runs' were");
        }
        LOG.info("done: {} run(s) written under {}{}", toTrain.size(), outputs,
                toTrain.size() < runs.size() ? ", " + (runs.size() - toTrain.size()) + " complete already" : "");
        return ExitCode.SUCCESS;
    }

    private int trainInTurn(List<RunSpec> toTrain) {
        int diverged = 0;
        for (RunSpec run : toTrain) {
            diverged += trainOne(run) ? 0 : 1;
        }
        return diverged;
    }

    /** Trains one run; returns false when it diverged (its outputs are then not written). */
    private boolean trainOne(RunSpec run) {
        try {
            if (MapReduceRun.isRequested(run)) {
                // Known shortcoming: no checkpoints on the cluster engine; a resumed job trains the run again.
                new RunTrainer(run, null, Optional.empty(), initialWeightsOf(run), RunCheckpoints.fresh(run, ""),
                        options)
                        .trainOnClusterAndCommit(new MapReduceRun(run));
                return true;
            }
            Dataset dataset = datasets.get(datasetKey(run));
            double[] initial = initialWeightsOf(run);
            Optional<Checkpoint> checkpoint = resumePlan == null ? Optional.empty() : resumePlan.checkpointOf(run);
            RunCheckpoints checkpoints = checkpoint.isPresent()
                    ? RunCheckpoints.resuming(run, checkpoint.get())
                    : RunCheckpoints.fresh(run, fingerprints.of(run, dataset, initial));
            new RunTrainer(run, dataset, Optional.ofNullable(streams.get(datasetKey(run))), initial,
                            checkpoints, options)
                    .trainAndCommit();
            return true;
        } catch (TrainingDivergedException e) {
            LOG.error("run {}: {}", run.runId(), e.getMessage());
            return false;
        }
    }

    private int trainInParallel(List<RunSpec> toTrain) {
        int poolSize = Math.min(parallelRuns, toTrain.size());
        LOG.info("training {} runs at a time", poolSize);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(poolSize, task -> {
            Thread thread = new Thread(task, "backprop-run-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (RunSpec run : toTrain) {
                results.add(pool.submit(() -> trainOne(run)));
            }
            return awaitAll(results);
        } finally {
            pool.shutdown();
            awaitTermination(pool);
        }
    }

    /** Waits for the runs in order; on the first failure cancels those not started and rethrows it. */
    private static int awaitAll(List<Future<Boolean>> results) {
        int diverged = 0;
        for (Future<Boolean> result : results) {
            try {
                diverged += result.get() ? 0 : 1;
            } catch (ExecutionException e) {
                results.forEach(pending -> pending.cancel(false));
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("a run failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                results.forEach(pending -> pending.cancel(false));
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for runs", e);
            }
        }
        return diverged;
    }

    private static void awaitTermination(ExecutorService pool) {
        try {
            // Running runs finish and commit (or abort) their own folders before the job returns.
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.info("waiting for running runs to finish");
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Reads every data and weights file the runs name, once each, before any training. */
    private void readInputs() {
        for (RunSpec run : runs) {
            if (MapReduceRun.isRequested(run)) {
                // Its data are read, and checked, by the cluster's mappers.
            } else if (!datasets.containsKey(datasetKey(run))) {
                readData(run);
            }
            if (!MapReduceRun.isRequested(run)) {
                checkInputWidth(run, datasets.get(datasetKey(run)));
            }
            run.initialWeights().ifPresent(path -> initialWeights.computeIfAbsent(weightsKey(run),
                    key -> WeightsFile.read(path.localCopy(), run.architecture())));
        }
    }

    /** Reads one data input by its format, in memory or as a stream as {@code cache} says. */
    private void readData(RunSpec run) {
        DatasetRequest request =
                new DatasetRequest(run.features(), run.targets(), run.architecture().outputSize());
        String key = datasetKey(run);
        if (!ParquetDatasetReader.isParquet(run.data())) {
            if (run.cache().equals("stream")) {
                throw new ConfigException(List.of("run " + run.runId() + ": cache=stream reads"
                        + " Parquet data only, and " + run.data() + " is CSV; convert it with"
                        + " 'backprop convert' or use cache=memory"));
            }
            datasets.put(key, CsvDatasetReader.read(run.data().localCopy(), request));
            return;
        }
        if (isStreamed(run, request)) {
            ParquetExampleSource stream =
                    ParquetExampleSource.scan(run.data(), request, run.onNull());
            streams.put(key, stream);
            datasets.put(key, stream.description());
        } else {
            datasets.put(key, ParquetDatasetReader.read(run.data(), request, run.onNull()));
        }
    }

    /**
     * Whether a run streams its data: {@code cache=stream}, or {@code cache=auto} when the decoded
     * values would take more than a third of the heap (training in memory holds them up to three
     * times: as read, split and scaled).
     */
    private static boolean isStreamed(RunSpec run, DatasetRequest request) {
        boolean isStreamed = run.cache().equals("stream");
        if (run.cache().equals("auto")) {
            long bytes = ParquetDatasetReader.decodedSizeBytes(run.data(), request);
            long heap = Runtime.getRuntime().maxMemory();
            isStreamed = bytes > heap / 3;
            LOG.info("cache=auto: {} decodes to {} MiB against a {} MiB heap; choosing cache={}",
                    run.data(), bytes >> 20, heap >> 20, isStreamed ? "stream" : "memory");
        }
        if (isStreamed && run.validationFraction() > 0) {
            throw new ConfigException(List.of("run " + run.runId() + ": validation_fraction="
                    + run.validationFraction() + " cannot be used with streamed data (cache="
                    + run.cache() + "); hold out validation rows in a file of their own, or use"
                    + " cache=memory"));
        }
        return isStreamed;
    }

    private static void checkInputWidth(RunSpec run, Dataset dataset) {
        int featureCount = dataset.featureNames().size();
        if (featureCount != run.architecture().inputSize()) {
            throw new ConfigException(List.of("run " + run.runId() + ": layers=" + run.architecture().layersText()
                    + " has an input layer of " + run.architecture().inputSize() + " neurons but " + run.data()
                    + " has " + featureCount + " feature columns " + dataset.featureNames()));
        }
    }

    private String fingerprintOf(RunSpec run) {
        return fingerprints.of(run, datasets.get(datasetKey(run)), initialWeightsOf(run));
    }

    private double[] initialWeightsOf(RunSpec run) {
        if (run.initialWeights().isPresent()) {
            return initialWeights.get(weightsKey(run)).clone();
        }
        return Initializer.scaledUniform(run.architecture(), run.training().seed());
    }

    private static String datasetKey(RunSpec run) {
        return run.data() + "|" + run.features() + "|" + run.targets() + "|" + run.architecture().outputSize();
    }

    private static String weightsKey(RunSpec run) {
        return run.initialWeights().orElseThrow() + "|" + run.architecture().layersText();
    }

    private String runIds() {
        StringBuilder ids = new StringBuilder();
        for (RunSpec run : runs) {
            ids.append(ids.length() == 0 ? "" : ", ").append(run.runId());
        }
        return ids.toString();
    }
}
