package dev.backprop.data;

import static dev.backprop.data.Fixtures.TARGET_Y;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Case 12: a null cell is refused with file, row and column (or its row skipped and counted with
 * on_null=skip), and a nullable column without nulls is fine. Fixtures copied from
 * {@code 12-parquet-null-feature}.
 */
class Case12ParquetNullFeatureTest {

    private static final Path WITH_NULL =
            Fixtures.resource("cases/12-parquet-null-feature/train_with_null.parquet");
    private static final Path NO_NULLS =
            Fixtures.resource("cases/12-parquet-null-feature/train_nullable_no_nulls.parquet");

    @Test
    void refusesTheNullCellNamingFileRowAndColumn() {
        InputDataException error = ParquetFixtures.refuse(WITH_NULL, TARGET_Y, NullPolicy.FAIL);

        assertEquals(1, error.problemCount(), error.getMessage());
        Fixtures.assertProblem(error.problems().get(0), "train_with_null.parquet", "row 4", "'x2'", null);
        assertTrue(error.getMessage().startsWith(WITH_NULL + ": row 4, column 'x2': is null"), error.getMessage());
        assertFalse(error.getMessage().contains("0.0") || error.getMessage().contains("NaN"), error.getMessage());
    }

    @Test
    void skipsAndCountsTheNullRowWhenAsked() {
        Dataset dataset = ParquetDatasetReader.read(StorageLocation.of(WITH_NULL), TARGET_Y, NullPolicy.SKIP);

        assertEquals(5, dataset.examples().rows());
        assertEquals(1, dataset.rowsSkipped());
        assertArrayEquals(new double[] {0, 0, 0, 1, 1, 0, 0, 0, 1, 1}, dataset.examples().features(), 0.0);
        assertArrayEquals(new double[] {0, 1, 1, 0, 0}, dataset.examples().targets(), 0.0);
    }

    @Test
    void readsANullableColumnWithoutNulls() {
        Fixtures.assertXor(ParquetFixtures.read(NO_NULLS, TARGET_Y));
    }
}
