package dev.backprop.data;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which columns of an input file a run trains on, and how wide the network's output layer is.
 *
 * <p>If {@code targetColumns} names exactly one column and {@code outputWidth} is greater than
 * one, that column holds class labels that are one-hot encoded into {@code outputWidth} outputs
 * (see {@link #isLabelEncoded()}); the file must then hold exactly {@code outputWidth} distinct
 * labels. Otherwise each target column feeds one output, so their count must equal
 * {@code outputWidth}, and every target cell must be a number.
 *
 * @param featureColumns the feature columns in input-layer order; empty means every column that
 *     is not a target, in file order
 * @param targetColumns the target columns in output-layer order; at least one
 * @param outputWidth neurons in the network's output layer, at least 1
 */
public record DatasetRequest(
        List<String> featureColumns, List<String> targetColumns, int outputWidth) {

    /**
     * Checks the request against itself, before any file is opened.
     *
     * @throws IllegalArgumentException if no target is named, a name is repeated or empty, a
     *     column is both feature and target, the output width is below 1, or several targets do
     *     not match the output width
     */
    public DatasetRequest {
        featureColumns = List.copyOf(Objects.requireNonNull(featureColumns, "featureColumns"));
        targetColumns = List.copyOf(Objects.requireNonNull(targetColumns, "targetColumns"));
        if (targetColumns.isEmpty()) {
            throw new IllegalArgumentException("targets is empty; name at least one column");
        }
        checkNames("features", featureColumns);
        checkNames("targets", targetColumns);
        for (String feature : featureColumns) {
            if (targetColumns.contains(feature)) {
                throw new IllegalArgumentException("column '" + feature
                        + "' is listed in both features and targets");
            }
        }
        checkOutputWidth(targetColumns, outputWidth);
    }

    /** Whether the single target column holds class labels to one-hot encode. */
    public boolean isLabelEncoded() {
        return targetColumns.size() == 1 && outputWidth > 1;
    }

    private static void checkNames(String key, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name.isBlank()) {
                throw new IllegalArgumentException(key + " holds an empty column name: " + names);
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(
                        key + " lists column '" + name + "' twice: " + names);
            }
        }
    }

    private static void checkOutputWidth(List<String> targetColumns, int outputWidth) {
        if (outputWidth < 1) {
            throw new IllegalArgumentException(
                    "output layer width is " + outputWidth + "; it must be at least 1");
        }
        if (targetColumns.size() > 1 && targetColumns.size() != outputWidth) {
            throw new IllegalArgumentException("targets names " + targetColumns.size()
                    + " columns " + targetColumns + " but the output layer has " + outputWidth
                    + " neurons; give one target column per output neuron, or one label column");
        }
    }
}
