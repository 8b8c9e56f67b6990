package dev.backprop.cli;

import dev.backprop.data.CsvDatasetReader;
import dev.backprop.data.Dataset;
import dev.backprop.data.DatasetRequest;
import dev.backprop.network.Initializer;
import dev.backprop.output.RunOutput;
import dev.backprop.output.WeightsFile;
import dev.backprop.training.TrainingDivergedException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the runs of one job: reads and checks every input first, then trains each run in turn and
 * moves its outputs into place only when they are complete.
 */
final class TrainJob {

    private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

    private final List<RunSpec> runs;
    private final Map<String, Dataset> datasets = new HashMap<>();
    private final Map<String, double[]> initialWeights = new HashMap<>();

    TrainJob(List<RunSpec> runs) {
        this.runs = runs;
    }

    /** Trains every run and returns the job's exit code. */
    int run() {
        LOG.info("job has {} run(s): {}", runs.size(), runIds());
        StartupWarmUp.start(runs.get(0).compression());
        readInputs();

        Set<Path> outputs = new LinkedHashSet<>();
        runs.forEach(run -> outputs.add(run.output()));
        outputs.forEach(RunOutput::recover);

        int diverged = 0;
        for (RunSpec run : runs) {
            try {
                new RunTrainer(run, datasets.get(datasetKey(run)), initialWeightsOf(run)).trainAndCommit();
            } catch (TrainingDivergedException e) {
                LOG.error("run {}: {}", run.runId(), e.getMessage());
                diverged++;
            }
        }
        if (diverged > 0) {
            LOG.error("{} of {} run(s) diverged; their outputs were not written", diverged, runs.size());
            return ExitCode.DIVERGED;
        }
        LOG.info("done: {} run(s) written under {}", runs.size(), outputs);
        return ExitCode.SUCCESS;
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
