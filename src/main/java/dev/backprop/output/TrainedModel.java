package dev.backprop.output;

import dev.backprop.data.Scaling;
import dev.backprop.network.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A trained network read back from a run folder: the weights, the {@code model.json} beside them
 * and the input scaling it describes, everything {@code predict} and {@code evaluate} need to
 * treat new rows exactly as training treated its rows.
 *
 * @param folder the run folder the files came from
 * @param description the contents of {@code model.json}
 * @param network the architecture with the trained weights
 * @param scaling the feature scaling fitted on the training rows
 */
public record TrainedModel(Path folder, ModelDescription description, Network network, Scaling scaling) {

    /** Rejects null parts. */
    public TrainedModel {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(scaling, "scaling");
    }

    /**
     * Loads a model.
     *
     * @param runFolderOrWeights a run folder ({@code <output>/run=<id>}), or a {@code weights.csv}
     *     or {@code weights.parquet} file with {@code model.json} in the same folder; a folder's
     *     {@code weights.parquet} is preferred to its {@code weights.csv}
     * @throws IllegalArgumentException naming the path if a file is missing or {@code model.json}
     *     is invalid
     * @throws WeightsFileException if the weights do not fit the described layers
     * @throws java.io.UncheckedIOException naming the file if one cannot be read
     */
    public static TrainedModel load(Path runFolderOrWeights) {
        Objects.requireNonNull(runFolderOrWeights, "runFolderOrWeights");
        Path weights = weightsFile(runFolderOrWeights);
        Path folder = weights.toAbsolutePath().getParent();
        Path modelFile = folder.resolve(ModelFile.FILE_NAME);
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException(modelFile + " is missing; predict and evaluate need the "
                    + ModelFile.FILE_NAME + " that train writes beside the weights");
        }

        ModelDescription description = ModelFile.read(modelFile);
        double[] parameters = WeightsFile.read(weights, description.architecture());
        ModelDescription.Scaling stored = description.scaling();
        Scaling scaling = new Scaling(Scaling.Kind.fromConfig(stored.kind()), stored.offsets(), stored.factors());
        return new TrainedModel(folder, description, new Network(description.architecture(), parameters), scaling);
    }

    /** Whether the outputs are one-hot classes with labels. */
    public boolean isClassification() {
        return !description.classLabels().isEmpty();
    }

    private static Path weightsFile(Path path) {
        if (Files.isDirectory(path)) {
            for (String name : new String[] {"weights.parquet", "weights.csv"}) {
                if (Files.isRegularFile(path.resolve(name))) {
                    return path.resolve(name);
                }
            }
            throw new IllegalArgumentException(path + " holds neither weights.parquet nor weights.csv;"
                    + " give a run folder such as out/iris/run=lr0.05 or a weights file");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(path + " does not exist; give a run folder or a weights file");
        }
        return path;
    }
}
