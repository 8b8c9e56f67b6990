package dev.backprop.data;

import dev.backprop.training.Examples;
import java.util.List;
import java.util.Objects;

/**
 * The training examples read from one input, with the names that tie them back to its columns.
 *
 * @param source the input as shown to the user, usually its path
 * @param featureNames one name per input of the network, in input order
 * @param targetNames one name per output of the network, in output order; for a one-hot encoded
 *     label column, {@code column=label} for each class, such as {@code species=setosa}
 * @param classLabels the class labels in encoding order (label {@code k} is output {@code k}), or
 *     empty if no label column was encoded
 * @param labelColumn the encoded label column, or {@code ""} if none
 * @param examples the values; one feature per name and one target per target name
 * @param rowsSkipped rows of the input left out, such as rows with a null cell under
 *     {@code on_null=skip}; zero or more
 */
public record Dataset(
        String source,
        List<String> featureNames,
        List<String> targetNames,
        List<String> classLabels,
        String labelColumn,
        Examples examples,
        long rowsSkipped) {

    /** A data set of which no input row was left out. */
    public Dataset(String source, List<String> featureNames, List<String> targetNames,
            List<String> classLabels, String labelColumn, Examples examples) {
        this(source, featureNames, targetNames, classLabels, labelColumn, examples, 0);
    }

    /**
     * Copies the lists and checks that the names fit the examples.
     *
     * @throws IllegalArgumentException if the name counts differ from the example widths, or a
     *     label column comes without labels or labels without a column
     */
    public Dataset {
        Objects.requireNonNull(source, "source");
        featureNames = List.copyOf(featureNames);
        targetNames = List.copyOf(targetNames);
        classLabels = List.copyOf(classLabels);
        Objects.requireNonNull(labelColumn, "labelColumn");
        Objects.requireNonNull(examples, "examples");
        if (featureNames.size() != examples.featureCount()
                || targetNames.size() != examples.targetCount()) {
            throw new IllegalArgumentException(featureNames.size() + " feature and "
                    + targetNames.size() + " target names do not fit examples of "
                    + examples.featureCount() + " features and " + examples.targetCount()
                    + " targets");
        }
        if (rowsSkipped < 0) {
            throw new IllegalArgumentException("rowsSkipped is " + rowsSkipped + "; it must be >= 0");
        }
        if (labelColumn.isEmpty() != classLabels.isEmpty()) {
            throw new IllegalArgumentException("labelColumn '" + labelColumn + "' does not fit "
                    + classLabels.size() + " class labels");
        }
    }

    /** Whether the targets are one-hot encoded class labels. */
    public boolean isClassification() {
        return !classLabels.isEmpty();
    }
}
