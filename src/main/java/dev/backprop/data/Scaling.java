package dev.backprop.data;

import dev.backprop.network.ConfigNames;
import dev.backprop.training.ExampleSource;
import dev.backprop.training.Examples;
import java.util.Arrays;
import java.util.Objects;

/**
 * A per-feature affine rescaling {@code x' = (x - offset) * factor}, fitted on training rows and
 * applied unchanged to every other row the model sees.
 *
 * <ul>
 *   <li>{@link Kind#NONE}: {@code offset = 0}, {@code factor = 1};
 *   <li>{@link Kind#MINMAX}: {@code offset = min}, {@code factor = 1 / (max - min)}, mapping the
 *       training range onto [0, 1];
 *   <li>{@link Kind#ZSCORE}: {@code offset = mean}, {@code factor = 1 / sd}, where {@code sd} is
 *       the population standard deviation {@code sqrt(sum (x - mean)^2 / n)}.
 * </ul>
 * A feature that is constant over the training rows gets {@code factor = 1}, so it becomes 0
 * rather than NaN. Fitting on zero rows gives the identity. Targets are never rescaled.
 *
 * <p>Immutable and thread-safe; arrays are copied in and out.
 */
public final class Scaling {

    /** How the offsets and factors are derived from the training rows. */
    public enum Kind {
        /** Leave features as they are. */
        NONE,
        /** Map each feature's training range onto [0, 1]. */
        MINMAX,
        /** Give each feature zero mean and unit population standard deviation. */
        ZSCORE;

        /**
         * Returns the kind for a configuration value.
         *
         * @param value {@code none}, {@code minmax} or {@code zscore}, in any case
         * @throws IllegalArgumentException naming the value and the allowed ones otherwise
         */
        public static Kind fromConfig(String value) {
            return ConfigNames.parse(Kind.class, "scale", value);
        }

        /** Returns the configuration value: {@code none}, {@code minmax} or {@code zscore}. */
        public String configName() {
            return ConfigNames.of(this);
        }
    }

    private final Kind kind;
    private final double[] offsets;
    private final double[] factors;

    /**
     * Rebuilds a scaling from stored values, such as those of a model file.
     *
     * @param kind how the values were fitted
     * @param offsets one offset per feature
     * @param factors one factor per feature
     * @throws IllegalArgumentException if the arrays differ in length or are empty, or a value is
     *     not finite, or a factor is zero
     */
    public Scaling(Kind kind, double[] offsets, double[] factors) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.offsets = offsets.clone();
        this.factors = factors.clone();
        if (offsets.length != factors.length || offsets.length == 0) {
            throw new IllegalArgumentException(offsets.length + " offsets and " + factors.length
                    + " factors given; need the same number, at least one");
        }
        for (int i = 0; i < offsets.length; i++) {
            if (!Double.isFinite(offsets[i]) || !Double.isFinite(factors[i]) || factors[i] == 0) {
                throw new IllegalArgumentException("feature " + i + ": offset " + offsets[i]
                        + " and factor " + factors[i] + " must be finite, the factor non-zero");
            }
        }
    }

    /**
     * Fits a scaling on training rows.
     *
     * @param training the rows to take statistics from; never the validation rows
     * @param kind how to derive offsets and factors
     * @return one offset and factor per feature
     */
    public static Scaling fit(Examples training, Kind kind) {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(kind, "kind");
        int featureCount = training.featureCount();
        double[] offsets = new double[featureCount];
        double[] factors = new double[featureCount];
        Arrays.fill(factors, 1.0);
        if (training.rows() > 0) {
            for (int feature = 0; feature < featureCount; feature++) {
                switch (kind) {
                    case NONE -> { }
                    case MINMAX -> fitMinMax(training, feature, offsets, factors);
                    case ZSCORE -> fitZScore(training, feature, offsets, factors);
                }
            }
        }
        return new Scaling(kind, offsets, factors);
    }

    private static void fitMinMax(
            Examples training, int feature, double[] offsets, double[] factors) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int row = 0; row < training.rows(); row++) {
            double x = training.features()[row * training.featureCount() + feature];
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        offsets[feature] = min;
        factors[feature] = factorFor(max - min);
    }

    private static void fitZScore(
            Examples training, int feature, double[] offsets, double[] factors) {
        int rows = training.rows();
        double sum = 0;
        for (int row = 0; row < rows; row++) {
            sum += training.features()[row * training.featureCount() + feature];
        }
        double mean = sum / rows;
        // Second pass over deviations: sum(x^2) - n*mean^2 cancels badly when |mean| >> sd.
        double sumOfSquares = 0;
        for (int row = 0; row < rows; row++) {
            double deviation = training.features()[row * training.featureCount() + feature] - mean;
            sumOfSquares += deviation * deviation;
        }
        offsets[feature] = mean;
        factors[feature] = factorFor(Math.sqrt(sumOfSquares / rows));
    }

    /** Returns 1 / spread, or 1 for a constant feature or a spread whose inverse overflows. */
    private static double factorFor(double spread) {
        double factor = 1.0 / spread;
        return spread > 0 && Double.isFinite(factor) ? factor : 1.0;
    }

    /**
     * Returns the examples with every feature rescaled; the targets array is shared, not copied.
     *
     * @param examples rows with one feature per offset
     * @return new examples holding {@code (x - offset) * factor} for each feature
     * @throws IllegalArgumentException if the feature count differs from this scaling's
     */
    public Examples apply(Examples examples) {
        int featureCount = examples.featureCount();
        if (featureCount != offsets.length) {
            throw new IllegalArgumentException("scaling fitted on " + offsets.length
                    + " features cannot apply to examples of " + featureCount);
        }
        double[] scaled = new double[examples.features().length];
        for (int i = 0; i < scaled.length; i++) {
            int feature = i % featureCount;
            scaled[i] = (examples.features()[i] - offsets[feature]) * factors[feature];
        }
        return new Examples(
                examples.rows(), featureCount, examples.targetCount(), scaled, examples.targets());
    }

    /**
     * Rescales row-major features in place, with the same arithmetic as {@link #apply}.
     *
     * @param features whole rows of this scaling's feature count
     */
    public void applyInPlace(double[] features) {
        int featureCount = offsets.length;
        for (int i = 0; i < features.length; i++) {
            int feature = i % featureCount;
            features[i] = (features[i] - offsets[feature]) * factors[feature];
        }
    }

    /**
     * Fits a scaling on rows delivered block by block, in one pass for min-max and two for
     * z-score. The sums run over the rows in delivery order, as {@link #fit(Examples, Kind)} runs
     * over an in-memory array, so the same rows give bitwise the same scaling.
     *
     * @param training the rows to take statistics from
     * @param kind how to derive offsets and factors
     * @return one offset and factor per feature
     */
    public static Scaling fit(ExampleSource training, Kind kind) {
        int featureCount = training.featureCount();
        double[] offsets = new double[featureCount];
        double[] factors = new double[featureCount];
        Arrays.fill(factors, 1.0);
        if (training.rows() == 0 || kind == Kind.NONE) {
            return new Scaling(kind, offsets, factors);
        }
        if (kind == Kind.MINMAX) {
            double[] min = new double[featureCount];
            double[] max = new double[featureCount];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            forEachValue(training, (feature, x) -> {
                min[feature] = Math.min(min[feature], x);
                max[feature] = Math.max(max[feature], x);
            });
            for (int feature = 0; feature < featureCount; feature++) {
                offsets[feature] = min[feature];
                factors[feature] = factorFor(max[feature] - min[feature]);
            }
            return new Scaling(kind, offsets, factors);
        }
        double[] sums = new double[featureCount];
        forEachValue(training, (feature, x) -> sums[feature] += x);
        double[] means = new double[featureCount];
        for (int feature = 0; feature < featureCount; feature++) {
            means[feature] = sums[feature] / training.rows();
        }
        // Second pass over deviations, as in the in-memory fit.
        double[] sumsOfSquares = new double[featureCount];
        forEachValue(training, (feature, x) -> {
            double deviation = x - means[feature];
            sumsOfSquares[feature] += deviation * deviation;
        });
        for (int feature = 0; feature < featureCount; feature++) {
            offsets[feature] = means[feature];
            factors[feature] = factorFor(Math.sqrt(sumsOfSquares[feature] / training.rows()));
        }
        return new Scaling(kind, offsets, factors);
    }

    /** Receives one feature value of one row. */
    @FunctionalInterface
    private interface FeatureValueConsumer {
        void accept(int feature, double value);
    }

    private static void forEachValue(ExampleSource source, FeatureValueConsumer consumer) {
        int featureCount = source.featureCount();
        source.forEachBlock(block -> {
            double[] features = block.features();
            for (int i = 0; i < features.length; i++) {
                consumer.accept(i % featureCount, features[i]);
            }
        });
    }

    /** Returns how the values were fitted. */
    public Kind kind() {
        return kind;
    }

    /** Returns a copy of the per-feature offsets. */
    public double[] offsets() {
        return offsets.clone();
    }

    /** Returns a copy of the per-feature factors. */
    public double[] factors() {
        return factors.clone();
    }
}
