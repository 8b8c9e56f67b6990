package dev.backprop.cli;

import dev.backprop.data.NullPolicy;
import dev.backprop.data.StorageLocation;
import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.Loss;
import dev.backprop.training.CheckpointPolicy;
import dev.backprop.training.TrainingSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one run needs, resolved from the job file, its hyperparameters row and
 * {@code --set}, and checked.
 *
 * @param runId the run's id, a safe folder-name part
 * @param data the training data file
 * @param features feature columns; empty means every column that is not a target
 * @param targets target columns
 * @param architecture layers and activations
 * @param training the training loop's settings
 * @param initialWeights weights to start from, or empty to draw them from the seed
 * @param output the job's output folder; the run writes {@code run=<id>} inside it
 * @param scale input scaling, {@code none}, {@code minmax} or {@code zscore}
 * @param validationFraction fraction of rows held out
 * @param compression Parquet compression codec name
 * @param settings every resolved key with its text, for the run's summary
 * @param onNull what to do with null cells in Parquet training data
 * @param cache how the training data is held: {@code memory}, {@code stream} or {@code auto}
 * @param checkpoints when the run saves checkpoints
 */
record RunSpec(
        String runId,
        StorageLocation data,
        List<String> features,
        List<String> targets,
        Architecture architecture,
        TrainingSettings training,
        Optional<StorageLocation> initialWeights,
        StorageLocation output,
        String scale,
        double validationFraction,
        String compression,
        Map<String, String> settings,
        NullPolicy onNull,
        String cache,
        CheckpointPolicy checkpoints) {

    /** The run's loss. */
    Loss loss() {
        return training.loss();
    }

    /** Activation of the hidden layers. */
    Activation hiddenActivation() {
        return architecture.hiddenActivation();
    }

    /** Folder name of this run inside the output folder. */
    String folderName() {
        return "run=" + runId;
    }
}
