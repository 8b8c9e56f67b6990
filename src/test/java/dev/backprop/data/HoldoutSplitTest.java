package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.training.Examples;
import java.util.Arrays;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HoldoutSplitTest {

    /** Row r has feature r and target -r, so every row can be told apart after a split. */
    private static Examples numberedRows(int rows) {
        double[] features = new double[rows];
        double[] targets = new double[rows];
        for (int r = 0; r < rows; r++) {
            features[r] = r;
            targets[r] = -r;
        }
        return new Examples(rows, 1, 1, features, targets);
    }

    @ParameterizedTest
    @CsvSource({"100, 0.2, 20", "10, 0.25, 3", "10, 0.01, 1", "2, 0.5, 1", "5, 0.99, 4", "1, 0.5, 0"})
    void holdsOutRoundedShareOfRows(int rows, double fraction, int expectedValidationRows) {
        HoldoutSplit.Split split = HoldoutSplit.split(numberedRows(rows), fraction, 7);

        assertEquals(expectedValidationRows, split.validation().rows());
        assertEquals(rows - expectedValidationRows, split.training().rows());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 42, -9})
    void partsAreDisjointCoverAllRowsAndKeepFileOrder(long seed) {
        HoldoutSplit.Split split = HoldoutSplit.split(numberedRows(50), 0.3, seed);

        double[] training = split.training().features();
        double[] validation = split.validation().features();
        double[] all = DoubleStream.concat(Arrays.stream(training), Arrays.stream(validation)).sorted().toArray();
        assertArrayEquals(numberedRows(50).features(), all, 0.0, "seed " + seed);
        assertTrue(isIncreasing(training), "seed " + seed);
        assertTrue(isIncreasing(validation), "seed " + seed);
        for (int r = 0; r < training.length; r++) {
            assertEquals(-training[r], split.training().targets()[r], 0.0, "targets follow their rows");
        }
    }

    @Test
    void sameSeedGivesSameSplit() {
        HoldoutSplit.Split first = HoldoutSplit.split(numberedRows(40), 0.25, 123);
        HoldoutSplit.Split second = HoldoutSplit.split(numberedRows(40), 0.25, 123);

        assertArrayEquals(first.validation().features(), second.validation().features(), 0.0);
    }

    @Test
    void otherSeedGivesOtherSplit() {
        HoldoutSplit.Split first = HoldoutSplit.split(numberedRows(40), 0.25, 1);
        HoldoutSplit.Split second = HoldoutSplit.split(numberedRows(40), 0.25, 2);

        assertFalse(Arrays.equals(first.validation().features(), second.validation().features()));
    }

    @Test
    void zeroFractionKeepsEveryRowForTraining() {
        Examples all = numberedRows(10);

        HoldoutSplit.Split split = HoldoutSplit.split(all, 0.0, 1);

        assertEquals(0, split.validation().rows());
        assertArrayEquals(all.features(), split.training().features(), 0.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN})
    void rejectsFractionOutsideUnitInterval(double fraction) {
        assertThrows(IllegalArgumentException.class, () -> HoldoutSplit.split(numberedRows(10), fraction, 1));
    }

    private static boolean isIncreasing(double[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i] <= values[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
