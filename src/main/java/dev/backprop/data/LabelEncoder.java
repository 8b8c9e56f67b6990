package dev.backprop.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the class labels of one column into one-hot target vectors.
 *
 * <p>Labels get provisional ids in order of first appearance while the file is read; the final
 * order, which fixes each label's output neuron, is numeric if every label is a number in the
 * {@link NumberGrammar} and lexicographic ({@link String#compareTo}) otherwise. The order thus
 * depends only on the set of labels, not on row order. Mutable; belongs to one thread.
 */
final class LabelEncoder {

    private final int maxDistinctLabels;
    private final Map<String, Integer> idsByLabel = new HashMap<>();
    private final List<String> labelsById = new ArrayList<>();
    private boolean isOverLimit;

    /**
     * @param maxDistinctLabels distinct labels to keep; more mean the column is not a label
     *     column (a continuous target, say), so they are only flagged, to bound memory
     */
    LabelEncoder(int maxDistinctLabels) {
        this.maxDistinctLabels = maxDistinctLabels;
    }

    /** Returns the provisional id of a trimmed label, or -1 once past the limit. */
    int idOf(String label) {
        Integer id = idsByLabel.get(label);
        if (id != null) {
            return id;
        }
        if (labelsById.size() == maxDistinctLabels) {
            isOverLimit = true;
            return -1;
        }
        idsByLabel.put(label, labelsById.size());
        labelsById.add(label);
        return labelsById.size() - 1;
    }

    int distinctCount() {
        return labelsById.size();
    }

    /** Whether more distinct labels were seen than the limit allowed to keep. */
    boolean isOverLimit() {
        return isOverLimit;
    }

    /** Returns the labels in encoding order: label {@code k} is output neuron {@code k}. */
    List<String> orderedLabels() {
        List<String> ordered = new ArrayList<>(labelsById);
        boolean allNumbers = ordered.stream().allMatch(NumberGrammar::isNumber);
        // Equal values spelled differently ("1", "1.0") are distinct labels; text breaks ties.
        Comparator<String> order = allNumbers
                ? Comparator.comparingDouble(NumberGrammar::parse)
                        .thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder();
        ordered.sort(order);
        return ordered;
    }

    /**
     * Expands provisional label ids, one per row, into row-major one-hot targets.
     *
     * @param labelIds provisional ids as returned by {@link #idOf}, all valid
     * @param width outputs per row, at least {@link #distinctCount()}
     */
    double[] oneHot(double[] labelIds, int width) {
        double[] targets = new double[Math.multiplyExact(labelIds.length, width)];
        oneHotInto(labelIds, labelIds.length, targets, width);
        return targets;
    }

    /**
     * Expands the first {@code rows} provisional label ids into {@code targets}, overwriting
     * {@code rows * width} values.
     */
    void oneHotInto(double[] labelIds, int rows, double[] targets, int width) {
        List<String> ordered = orderedLabels();
        int[] outputById = new int[labelsById.size()];
        for (int output = 0; output < ordered.size(); output++) {
            outputById[idsByLabel.get(ordered.get(output))] = output;
        }
        java.util.Arrays.fill(targets, 0, rows * width, 0.0);
        for (int row = 0; row < rows; row++) {
            targets[row * width + outputById[(int) labelIds[row]]] = 1.0;
        }
    }
}
