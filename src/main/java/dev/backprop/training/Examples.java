package dev.backprop.training;

import java.util.Objects;

/**
 * Training examples held as two dense row-major arrays, the form the training loop reads.
 *
 * <p>Row {@code r}'s features are {@code features[r * featureCount .. (r+1) * featureCount)} and
 * its targets {@code targets[r * targetCount .. (r+1) * targetCount)}. The arrays are shared, not
 * copied: callers must not change them while a run uses them. A dataset of {@code n} rows takes
 * {@code 8 * n * (featureCount + targetCount)} bytes.
 *
 * @param rows number of examples, zero or more
 * @param featureCount values per row fed to the input layer
 * @param targetCount values per row the output layer is trained towards
 * @param features feature values, {@code rows * featureCount} of them
 * @param targets target values, {@code rows * targetCount} of them
 */
public record Examples(int rows, int featureCount, int targetCount, double[] features, double[] targets) {

    /** Checks that the arrays have the declared sizes. */
    public Examples {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(targets, "targets");
        if (rows < 0 || featureCount < 1 || targetCount < 1) {
            throw new IllegalArgumentException("rows=" + rows + ", featureCount=" + featureCount
                    + ", targetCount=" + targetCount + ": counts out of range");
        }
        if ((long) rows * featureCount != features.length || (long) rows * targetCount != targets.length) {
            throw new IllegalArgumentException("array sizes do not match " + rows + " rows of " + featureCount
                    + " features and " + targetCount + " targets");
        }
    }

    /** Returns the examples at the given row indices, in that order, as a new copy. */
    public Examples select(int[] rowIndices) {
        double[] selectedFeatures = new double[rowIndices.length * featureCount];
        double[] selectedTargets = new double[rowIndices.length * targetCount];
        for (int i = 0; i < rowIndices.length; i++) {
            System.arraycopy(features, rowIndices[i] * featureCount, selectedFeatures, i * featureCount, featureCount);
            System.arraycopy(targets, rowIndices[i] * targetCount, selectedTargets, i * targetCount, targetCount);
        }
        return new Examples(rowIndices.length, featureCount, targetCount, selectedFeatures, selectedTargets);
    }

    /** Bytes held by the two arrays. */
    public long sizeBytes() {
        return 8L * rows * (featureCount + targetCount);
    }
}
