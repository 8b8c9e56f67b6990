package dev.backprop.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The synthetic "teacher" classification data of {@code gen_teacher.py}, generated row by row so
 * that a file of any size can be written without holding it.
 *
 * <p>One {@link SplittableRandom} stream (SplitMix64, which the script reimplements) is consumed in
 * the script's order: teacher weights {@code W1[j][i]} ({@code hidden x features}, row-major,
 * {@code (2u-1) * 6/sqrt(features)}), then {@code W2[c][j]} ({@code classes x hidden},
 * {@code (2u-1) * sqrt(3/hidden)}), then the inputs row by row, {@code floor(u * 1e6) / 1e6}. A
 * row's label is {@code argmax_c W2 (max(0, W1 (x - 0.5)) - 1/sqrt(2 pi))}, lowest class on ties;
 * the sums run in index order, so only near-ties at the 1e-15 level could differ from numpy's.
 * Rows form a prefix: the first rows of a large set are those of a small one. Mutable; one thread.
 */
public final class TeacherData {

    /** Hidden units of the teacher network, the script's default. */
    public static final int DEFAULT_HIDDEN = 64;

    /** {@code 1/sqrt(2 pi)}, the mean of {@code max(0, z)} for a standard normal {@code z}. */
    private static final double HIDDEN_CENTRE = 0.3989422804014327;

    private final int features;
    private final int classes;
    private final int hidden;
    private final SplittableRandom random;
    private final double[] w1;
    private final double[] w2;
    private final double[] z;

    /**
     * Draws the teacher network for a seed.
     *
     * @throws IllegalArgumentException if a count is below 1
     */
    public TeacherData(int features, int classes, long seed, int hidden) {
        if (features < 1 || classes < 1 || hidden < 1) {
            throw new IllegalArgumentException("teacher data: features=" + features + ", classes="
                    + classes + ", hidden=" + hidden + "; each must be at least 1");
        }
        this.features = features;
        this.classes = classes;
        this.hidden = hidden;
        this.random = new SplittableRandom(seed);
        this.w1 = draw(hidden * features, 6.0 / Math.sqrt(features));
        this.w2 = draw(classes * hidden, Math.sqrt(3.0 / hidden));
        this.z = new double[hidden];
    }

    private double[] draw(int count, double scale) {
        double[] values = new double[count];
        for (int k = 0; k < count; k++) {
            values[k] = (2.0 * random.nextDouble() - 1.0) * scale;
        }
        return values;
    }

    /**
     * Draws the next row's inputs into {@code x} and returns its class label.
     *
     * @param x at least {@code features} values; the first {@code features} are overwritten
     */
    public int nextRow(double[] x) {
        for (int i = 0; i < features; i++) {
            x[i] = Math.floor(random.nextDouble() * 1e6) / 1e6;
        }
        Arrays.fill(z, 0.0);
        for (int j = 0; j < hidden; j++) {
            double sum = 0.0;
            for (int i = 0; i < features; i++) {
                sum += w1[j * features + i] * (x[i] - 0.5);
            }
            z[j] = Math.max(sum, 0.0) - HIDDEN_CENTRE;
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
