package dev.backprop.data;

import dev.backprop.training.Examples;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Splits examples into training and validation rows at random, reproducibly by seed.
 *
 * <p>The validation part takes {@code round(fraction * rows)} rows, at least one when the
 * fraction is positive and there are two or more rows, and at most {@code rows - 1} so that
 * training keeps a row. The rows are chosen by the first steps of a Fisher-Yates shuffle of the
 * row indices driven by {@code new SplittableRandom(seed)}; both parts then keep their rows in
 * file order. The same examples, fraction and seed always give the same split.
 */
public final class HoldoutSplit {

    /**
     * The two parts of a split.
     *
     * @param training the rows to fit on
     * @param validation the held-out rows, possibly none
     */
    public record Split(Examples training, Examples validation) {

        /** Rejects null parts. */
        public Split {
            Objects.requireNonNull(training, "training");
            Objects.requireNonNull(validation, "validation");
        }
    }

    private HoldoutSplit() {}

    /**
     * Splits examples.
     *
     * @param all the examples to split
     * @param validationFraction share of rows to hold out, in [0, 1); 0 holds out none
     * @param seed the random seed
     * @return the training and validation rows, disjoint, together covering {@code all}
     * @throws IllegalArgumentException if the fraction is outside [0, 1) or NaN
     */
    public static Split split(Examples all, double validationFraction, long seed) {
        Objects.requireNonNull(all, "all");
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException(
                    "validation fraction is " + validationFraction + "; it must be in [0, 1)");
        }
        int rows = all.rows();
        int validationRows = validationRowCount(rows, validationFraction);
        int[] indices = shuffledPrefix(rows, validationRows, seed);

        int[] validation = Arrays.copyOfRange(indices, 0, validationRows);
        int[] training = Arrays.copyOfRange(indices, validationRows, rows);
        // Sorting restores file order, so that neither part depends on the shuffle's tail.
        Arrays.sort(validation);
        Arrays.sort(training);
        return new Split(all.select(training), all.select(validation));
    }

    /**
     * Returns the 0-based indices of the rows {@link #split} holds out for {@code rows} examples,
     * in ascending order, so that a later command can find the same rows in the same file.
     *
     * @throws IllegalArgumentException if the fraction is outside [0, 1) or NaN, or rows is negative
     */
    public static int[] validationRows(int rows, double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1) || rows < 0) {
            throw new IllegalArgumentException("validation fraction is " + validationFraction
                    + " for " + rows + " rows; it must be in [0, 1)");
        }
        int validationRows = validationRowCount(rows, validationFraction);
        int[] validation = Arrays.copyOfRange(shuffledPrefix(rows, validationRows, seed), 0, validationRows);
        Arrays.sort(validation);
        return validation;
    }

    private static int validationRowCount(int rows, double validationFraction) {
        if (validationFraction == 0 || rows < 2) {
            return 0;
        }
        long rounded = Math.round(validationFraction * rows);
        return (int) Math.min(rows - 1, Math.max(1, rounded));
    }

    /** Returns 0..rows-1 with a uniform random choice of {@code count} of them at the front. */
    private static int[] shuffledPrefix(int rows, int count, long seed) {
        int[] indices = new int[rows];
        Arrays.setAll(indices, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(rows - i);
            int swapped = indices[i];
            indices[i] = indices[j];
            indices[j] = swapped;
        }
        return indices;
    }
}
