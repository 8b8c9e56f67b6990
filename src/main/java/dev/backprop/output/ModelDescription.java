package dev.backprop.output;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.Loss;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user needs, beside the weights, to apply a trained network to new data: its shape, its
 * activations and loss, the names of its inputs and outputs, the class labels and how the features
 * were scaled. Stored as {@code model.json} next to the weights by {@link ModelFile}.
 *
 * @param layers neurons per layer, input first, for example {@code [2, 2, 2]}
 * @param hiddenActivation activation of the hidden layers
 * @param outputActivation activation of the output layer
 * @param loss the loss the network was trained with
 * @param featureNames one name per input neuron, as in the training data's header
 * @param targetNames one name per output neuron
 * @param classLabels the class labels in output order; empty for regression
 * @param labelColumn the column the class labels came from; empty for regression
 * @param scaling how each feature was scaled before it entered the network
 */
public record ModelDescription(
        int[] layers,
        Activation hiddenActivation,
        Activation outputActivation,
        Loss loss,
        List<String> featureNames,
        List<String> targetNames,
        List<String> classLabels,
        Optional<String> labelColumn,
        Scaling scaling) {

    /**
     * Feature scaling as a plain affine map per feature: {@code scaled = (raw - offset) * factor}.
     *
     * @param kind the scaling method's config name, for example {@code standard}, {@code min_max}
     *     or {@code none}
     * @param offsets one offset per scaled feature
     * @param factors one factor per scaled feature, as many as offsets
     */
    public record Scaling(String kind, double[] offsets, double[] factors) {

        /** Checks that there are as many factors as offsets and copies both arrays. */
        public Scaling {
            Objects.requireNonNull(kind, "kind");
            if (offsets.length != factors.length) {
                throw new IllegalArgumentException("scaling '" + kind + "' has " + offsets.length
                        + " offsets but " + factors.length + " factors");
            }
            offsets = offsets.clone();
            factors = factors.clone();
        }

        @Override
        public double[] offsets() {
            return offsets.clone();
        }

        @Override
        public double[] factors() {
            return factors.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Scaling that
                    && kind.equals(that.kind)
                    && Arrays.equals(offsets, that.offsets)
                    && Arrays.equals(factors, that.factors);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, Arrays.hashCode(offsets), Arrays.hashCode(factors));
        }

        @Override
        public String toString() {
            return "Scaling[" + kind + ", offsets=" + Arrays.toString(offsets) + ", factors="
                    + Arrays.toString(factors) + "]";
        }
    }

    /**
     * Checks that the names match the layer sizes and copies the arrays and lists.
     *
     * @throws IllegalArgumentException if there are fewer than two layers, or the number of
     *     feature or target names differs from the input or output layer's size
     */
    public ModelDescription {
        Objects.requireNonNull(hiddenActivation, "hiddenActivation");
        Objects.requireNonNull(outputActivation, "outputActivation");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(labelColumn, "labelColumn");
        Objects.requireNonNull(scaling, "scaling");
        layers = layers.clone();
        featureNames = List.copyOf(featureNames);
        targetNames = List.copyOf(targetNames);
        classLabels = List.copyOf(classLabels);
        if (layers.length < 2) {
            throw new IllegalArgumentException(
                    "layers needs at least two sizes, got " + Arrays.toString(layers));
        }
        checkNameCount("feature_names", featureNames, layers[0]);
        checkNameCount("target_names", targetNames, layers[layers.length - 1]);
    }

    private static void checkNameCount(String key, List<String> names, int layerSize) {
        if (names.size() != layerSize) {
            throw new IllegalArgumentException(
                    key + " has " + names.size() + " names but the layer has " + layerSize
                            + " neurons: " + names);
        }
    }

    @Override
    public int[] layers() {
        return layers.clone();
    }

    /** Returns the network shape this description gives. */
    public Architecture architecture() {
        return new Architecture(layers, hiddenActivation, outputActivation);
    }

    /**
     * Writes this description as JSON; see {@link ModelFile#write}.
     *
     * @throws java.io.UncheckedIOException naming the file if it cannot be written
     */
    public void write(Path file) {
        ModelFile.write(file, this);
    }

    /**
     * Reads a description written by {@link #write}; see {@link ModelFile#read}.
     *
     * @throws IllegalArgumentException naming the file and key if a key is missing or invalid
     * @throws java.io.UncheckedIOException naming the file if it cannot be read
     */
    public static ModelDescription read(Path file) {
        return ModelFile.read(file);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelDescription that
                && Arrays.equals(layers, that.layers)
                && hiddenActivation == that.hiddenActivation
                && outputActivation == that.outputActivation
                && loss == that.loss
                && featureNames.equals(that.featureNames)
                && targetNames.equals(that.targetNames)
                && classLabels.equals(that.classLabels)
                && labelColumn.equals(that.labelColumn)
                && scaling.equals(that.scaling);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(layers), hiddenActivation, outputActivation, loss, featureNames,
                targetNames, classLabels, labelColumn, scaling);
    }

    @Override
    public String toString() {
        return "ModelDescription[layers=" + Arrays.toString(layers) + ", " + hiddenActivation.configName()
                + "/" + outputActivation.configName() + ", " + loss.configName()
                + ", features=" + featureNames + ", targets=" + targetNames + ", classes=" + classLabels
                + ", " + scaling + "]";
    }
}
