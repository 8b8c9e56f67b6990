package dev.backprop.bench;

import dev.backprop.training.Examples;
import java.util.SplittableRandom;

/**
 * The synthetic "teacher" classification data of {@code shared/data/gen_teacher.py}, regenerated
 * in memory so that the wide benchmark needs no 425 MB CSV file.
 *
 * <p>One {@link SplittableRandom} stream (SplitMix64, the generator the script reimplements) is
 * consumed in the script's order: the teacher's {@code W1[j][i]} ({@code hidden x features},
 * row-major, {@code (2u-1) * 6/sqrt(features)}), {@code W2[c][j]} ({@code classes x hidden},
 * {@code (2u-1) * sqrt(3/hidden)}), then the inputs row by row, {@code floor(u * 1e6) / 1e6}.
 * A row's label is {@code argmax_c (W2 (max(0, W1 (x - 0.5)) - 1/sqrt(2 pi)))_c}, the lowest
 * class on ties; each {@code z_j} is summed in input order. Rows form a prefix: the first 1,000
 * rows of seed 1 are those of {@code teacher_1000x784x10_seed1.csv}.
 */
public final class TeacherData {

    /** Hidden units of the teacher network, the script's default. */
    public static final int DEFAULT_HIDDEN = 64;

    /** {@code 1/sqrt(2 pi)}, the mean of {@code max(0, z)} for a standard normal {@code z}. */
    private static final double HIDDEN_CENTRE = 0.3989422804014327;

    private TeacherData() {}

    /**
     * Generates {@code rows} examples with {@code features} inputs and one-hot targets over
     * {@code classes}.
     *
     * @throws IllegalArgumentException when a count is below 1 (rows below 0) or the arrays would
     *     exceed {@link Integer#MAX_VALUE} elements
     */
    public static Examples generate(int rows, int features, int classes, long seed, int hidden) {
        if (rows < 0 || features < 1 || classes < 1 || hidden < 1
                || (long) rows * Math.max(features, classes) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("teacher data: rows=" + rows + ", features=" + features
                    + ", classes=" + classes + ", hidden=" + hidden + " out of range");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] inputMajorW1 = drawTransposed(random, hidden, features, 6.0 / Math.sqrt(features));
        double[] w2 = new double[classes * hidden];
        double scale2 = Math.sqrt(3.0 / hidden);
        for (int k = 0; k < w2.length; k++) {
            w2[k] = (2.0 * random.nextDouble() - 1.0) * scale2;
        }

        double[] x = new double[rows * features];
        double[] targets = new double[rows * classes];
        double[] z = new double[hidden];
        for (int r = 0; r < rows; r++) {
            int from = r * features;
            for (int i = 0; i < features; i++) {
                x[from + i] = Math.floor(random.nextDouble() * 1e6) / 1e6;
            }
            int label = teacherLabel(x, from, features, inputMajorW1, w2, classes, z);
            targets[r * classes + label] = 1.0;
        }
        return new Examples(rows, features, classes, x, targets);
    }

    /** Draws a {@code rows x columns} row-major matrix and stores it transposed (column-major). */
    private static double[] drawTransposed(SplittableRandom random, int rows, int columns, double scale) {
        double[] transposed = new double[rows * columns];
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < columns; i++) {
                transposed[i * rows + j] = (2.0 * random.nextDouble() - 1.0) * scale;
            }
        }
        return transposed;
    }

    private static int teacherLabel(
            double[] x, int from, int features, double[] inputMajorW1, double[] w2, int classes, double[] z) {
        int hidden = z.length;
        java.util.Arrays.fill(z, 0.0);
        // z_j = sum_i W1[j][i] (x_i - 0.5), summed in i order but vectorized over j
        for (int i = 0; i < features; i++) {
            double centred = x[from + i] - 0.5;
            int row = i * hidden;
            for (int j = 0; j < hidden; j++) {
                z[j] += inputMajorW1[row + j] * centred;
            }
        }
        for (int j = 0; j < hidden; j++) {
            z[j] = Math.max(z[j], 0.0) - HIDDEN_CENTRE;
        }

        int best = 0;
        double bestLogit = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double logit = 0.0;
            for (int j = 0; j < hidden; j++) {
                logit += w2[c * hidden + j] * z[j];
            }
            if (logit > bestLogit) {
                bestLogit = logit;
                best = c;
            }
        }
        return best;
    }
}
