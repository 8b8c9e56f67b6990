package dev.backprop.cli;

import dev.backprop.data.CsvDatasetReader;
import dev.backprop.data.Dataset;
import dev.backprop.data.DatasetRequest;
import dev.backprop.data.HoldoutSplit;
import dev.backprop.data.Scaling;
import dev.backprop.network.Initializer;
import dev.backprop.output.WeightsFile;
import dev.backprop.training.Examples;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A job's first run set up exactly as {@code train} sets it up before its first update: data
 * read, split, scaled with statistics of the training rows, initial weights loaded or drawn. Used
 * by the commands that look inside training ({@code trace}, {@code gradcheck}).
 *
 * @param run the resolved run
 * @param dataset the data as read
 * @param training the scaled training rows
 * @param parameters the initial weights and biases (a fresh copy)
 */
record PreparedRun(RunSpec run, Dataset dataset, Examples training, double[] parameters) {

    /** Resolves the job file (with {@code --set} overrides) and prepares its first run. */
    static PreparedRun firstRunOf(Path jobFile, List<String> overrides) {
        RunSpec run = JobConfig.load(jobFile, overrides, Optional.empty()).get(0);
        Dataset dataset = CsvDatasetReader.read(run.data().localCopy(),
                new DatasetRequest(run.features(), run.targets(), run.architecture().outputSize()));
        if (dataset.featureNames().size() != run.architecture().inputSize()) {
            throw new ConfigException(List.of("run " + run.runId() + ": layers=" + run.architecture().layersText()
                    + " has " + run.architecture().inputSize() + " inputs but " + run.data() + " has "
                    + dataset.featureNames().size() + " feature columns"));
        }
        HoldoutSplit.Split split = HoldoutSplit.split(dataset.examples(), run.validationFraction(),
                run.training().seed());
        Scaling scaling = Scaling.fit(split.training(), Scaling.Kind.fromConfig(run.scale()));
        double[] parameters = run.initialWeights().isPresent()
                ? WeightsFile.read(run.initialWeights().get().localCopy(), run.architecture())
                : Initializer.scaledUniform(run.architecture(), run.training().seed());
        return new PreparedRun(run, dataset, scaling.apply(split.training()), parameters);
    }
}
