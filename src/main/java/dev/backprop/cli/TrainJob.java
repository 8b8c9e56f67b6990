package dev.backprop.cli;

import dev.backprop.data.CsvDatasetReader;
import dev.backprop.data.Dataset;
import dev.backprop.data.DatasetRequest;
import dev.backprop.network.Initializer;
import dev.backprop.output.RunOutput;
import dev.backprop.output.WeightsFile;
import dev.backprop.training.TrainingDivergedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.TreeSet;
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
    private final JobOptions options;
    private final Map<String, Dataset> datasets = new HashMap<>();
    private final Map<String, double[]> initialWeights = new HashMap<>();

    /** A job that trains its runs one after the other, with {@link JobOptions#defaults()}. */
    TrainJob(List<RunSpec> runs) {
        this(runs, 1, JobOptions.defaults());
    }

    /** A job that trains up to {@code parallelRuns} runs at the same time. */
    TrainJob(List<RunSpec> runs, int parallelRuns, JobOptions options) {
        this.runs = runs;
        this.parallelRuns = parallelRuns;
        // Bars of runs trained side by side would overwrite each other's line.
        this.options = parallelRuns > 1 && runs.size() > 1 ? options.withoutProgressBar() : options;
    }

    /**
     * Reads and checks every input, locks the output folders, cleans up what killed jobs left in
     * them, trains every run and returns the job's exit code.
     */
    int run() {
        LOG.info("job has {} run(s): {}", runs.size(), runIds());
        StartupWarmUp.start(runs.get(0).compression());
        readInputs();

        // Sorted, so that two jobs waiting for overlapping sets of folders cannot deadlock.
        Set<Path> outputs = new TreeSet<>();
        runs.forEach(run -> outputs.add(run.output().toAbsolutePath().normalize()));
        List<OutputLock> locks = new ArrayList<>();
        try {
            for (Path output : outputs) {
                locks.add(OutputLock.acquire(output, options.lockWait()));
            }
            outputs.forEach(RunOutput::recover);
            return trainAll(outputs);
        } finally {
            locks.forEach(OutputLock::close);
        }
    }

    private int trainAll(Set<Path> outputs) {
        int diverged = parallelRuns > 1 && runs.size() > 1 ? trainInParallel() : trainInTurn();
        if (diverged > 0) {
            LOG.error("{} of {} run(s) diverged; their outputs were not written", diverged, runs.size());
            return ExitCode.DIVERGED;
        }
        LOG.info("done: {} run(s) written under {}", runs.size(), outputs);
        return ExitCode.SUCCESS;
    }

    private int trainInTurn() {
        int diverged = 0;
        for (RunSpec run : runs) {
            diverged += trainOne(run) ? 0 : 1;
        }
        return diverged;
    }

    /** Trains one run; returns false when it diverged (its outputs are then not written). */
    private boolean trainOne(RunSpec run) {
        try {
            new RunTrainer(run, datasets.get(datasetKey(run)), initialWeightsOf(run), options).trainAndCommit();
            return true;
        } catch (TrainingDivergedException e) {
            LOG.error("run {}: {}", run.runId(), e.getMessage());
            return false;
        }
    }

    private int trainInParallel() {
        int poolSize = Math.min(parallelRuns, runs.size());
        LOG.info("training {} runs at a time", poolSize);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(poolSize, task -> {
            Thread thread = new Thread(task, "backprop-run-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (RunSpec run : runs) {
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
            datasets.computeIfAbsent(datasetKey(run), key -> CsvDatasetReader.read(run.data(),
                    new DatasetRequest(run.features(), run.targets(), run.architecture().outputSize())));
            checkInputWidth(run, datasets.get(datasetKey(run)));
            run.initialWeights().ifPresent(path -> initialWeights.computeIfAbsent(weightsKey(run),
                    key -> WeightsFile.read(path, run.architecture())));
        }
    }

    private static void checkInputWidth(RunSpec run, Dataset dataset) {
        int featureCount = dataset.featureNames().size();
        if (featureCount != run.architecture().inputSize()) {
            throw new ConfigException(List.of("run " + run.runId() + ": layers=" + run.architecture().layersText()
                    + " has an input layer of " + run.architecture().inputSize() + " neurons but " + run.data()
                    + " has " + featureCount + " feature columns " + dataset.featureNames()));
        }
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
