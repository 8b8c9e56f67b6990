package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.training.Examples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalingTest {

    /** Absolute tolerance for values computed by a few floating-point operations near 1. */
    private static final double TOLERANCE = 1e-12;

    /** Feature 0: 2, 4, 6, 8; feature 1 constant 5; feature 2: -1, 1, -1, 1. */
    private static final Examples TRAINING = new Examples(4, 3, 1,
            new double[] {2, 5, -1, 4, 5, 1, 6, 5, -1, 8, 5, 1}, new double[] {0, 1, 1, 0});

    @Test
    void minMaxMapsTrainingRangeOntoUnitInterval() {
        Scaling scaling = Scaling.fit(TRAINING, Scaling.Kind.MINMAX);

        assertArrayEquals(new double[] {2, 5, -1}, scaling.offsets(), TOLERANCE);
        assertArrayEquals(new double[] {1.0 / 6, 1, 0.5}, scaling.factors(), TOLERANCE);
        Examples scaled = scaling.apply(TRAINING);
        assertArrayEquals(new double[] {0, 0, 0, 1.0 / 3, 0, 1, 2.0 / 3, 0, 0, 1, 0, 1},
                scaled.features(), TOLERANCE);
        assertSame(TRAINING.targets(), scaled.targets());
    }

    @Test
    void zScoreUsesMeanAndPopulationStandardDeviation() {
        Scaling scaling = Scaling.fit(TRAINING, Scaling.Kind.ZSCORE);

        // Feature 0: mean 5, population variance (9 + 1 + 1 + 9) / 4 = 5.
        assertArrayEquals(new double[] {5, 5, 0}, scaling.offsets(), TOLERANCE);
        assertArrayEquals(new double[] {1 / Math.sqrt(5), 1, 1}, scaling.factors(), TOLERANCE);
        Examples scaled = scaling.apply(TRAINING);
        assertEquals(-3 / Math.sqrt(5), scaled.features()[0], TOLERANCE);
        assertEquals(0, scaled.features()[1], TOLERANCE);
        assertEquals(-1, scaled.features()[2], TOLERANCE);
    }

    @Test
    void noneIsTheIdentity() {
        Examples scaled = Scaling.fit(TRAINING, Scaling.Kind.NONE).apply(TRAINING);

        assertArrayEquals(TRAINING.features(), scaled.features(), 0.0);
    }

    @Test
    void fittingOnZeroRowsGivesTheIdentity() {
        Examples empty = new Examples(0, 2, 1, new double[0], new double[0]);

        Scaling scaling = Scaling.fit(empty, Scaling.Kind.ZSCORE);

        assertArrayEquals(new double[] {0, 0}, scaling.offsets(), 0.0);
        assertArrayEquals(new double[] {1, 1}, scaling.factors(), 0.0);
    }

    @Test
    void appliesFittedValuesToOtherRows() {
        Scaling scaling = Scaling.fit(TRAINING, Scaling.Kind.MINMAX);
        Examples validation = new Examples(1, 3, 1, new double[] {14, 7, 0}, new double[] {1});

        assertArrayEquals(new double[] {2, 2, 0.5}, scaling.apply(validation).features(), TOLERANCE);
    }

    @Test
    void rebuildsFromStoredValues() {
        Scaling fitted = Scaling.fit(TRAINING, Scaling.Kind.ZSCORE);

        Scaling rebuilt = new Scaling(fitted.kind(), fitted.offsets(), fitted.factors());

        assertArrayEquals(fitted.apply(TRAINING).features(), rebuilt.apply(TRAINING).features(), 0.0);
    }

    @Test
    void accessorsReturnCopies() {
        Scaling scaling = Scaling.fit(TRAINING, Scaling.Kind.MINMAX);

        scaling.offsets()[0] = 99;
        scaling.factors()[0] = 99;

        assertEquals(2, scaling.offsets()[0], 0.0);
        assertEquals(1.0 / 6, scaling.factors()[0], TOLERANCE);
    }

    @Test
    void rejectsMismatchedFeatureCount() {
        Scaling scaling = Scaling.fit(TRAINING, Scaling.Kind.MINMAX);
        Examples other = new Examples(1, 2, 1, new double[] {1, 2}, new double[] {0});

        assertThrows(IllegalArgumentException.class, () -> scaling.apply(other));
    }

    @Test
    void rejectsZeroFactor() {
        assertThrows(IllegalArgumentException.class,
                () -> new Scaling(Scaling.Kind.MINMAX, new double[] {0}, new double[] {0}));
    }

    @ParameterizedTest
    @CsvSource({"none,NONE", "minmax,MINMAX", "zscore,ZSCORE", "ZScore,ZSCORE"})
    void readsConfigValues(String value, Scaling.Kind expected) {
        assertEquals(expected, Scaling.Kind.fromConfig(value));
        assertEquals(value.toLowerCase(java.util.Locale.ROOT), expected.configName());
    }

    @Test
    void rejectsUnknownConfigValueNamingTheAllowedOnes() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> Scaling.Kind.fromConfig("standard"));

        assertEquals("scale: value \"standard\" is not one of none, minmax, zscore", error.getMessage());
    }
}
