package dev.backprop.data;

import static dev.backprop.data.Fixtures.TARGET_Y;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Case 13: every row group is read in file order, across dictionary and plain pages and past an
 * empty row group. Fixtures copied from {@code 13-parquet-row-groups-dictionary}.
 */
class Case13ParquetRowGroupsDictionaryTest {

    private static final double[] FEATURES = {0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0};
    private static final double[] TARGETS = {0, 1, 1, 0, 0, 1, 1, 0, 1, 1};

    @ParameterizedTest
    @ValueSource(strings = {"train_3_row_groups.parquet", "train_empty_middle_row_group.parquet"})
    void readsAllTenRowsInFileOrder(String name) {
        Path file = Fixtures.resource("cases/13-parquet-row-groups-dictionary/" + name);

        Dataset dataset = ParquetFixtures.read(file, TARGET_Y);

        assertEquals(10, dataset.examples().rows());
        assertArrayEquals(FEATURES, dataset.examples().features(), 0.0);
        assertArrayEquals(TARGETS, dataset.examples().targets(), 0.0);
    }
}
