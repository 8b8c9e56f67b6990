package dev.backprop.data;

import static dev.backprop.data.Fixtures.TARGET_Y;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Case 14: a zero-row Parquet file (no row groups, or one empty row group) is refused as holding
 * no training examples, naming no row or column; the schema is still checked first. Fixtures
 * copied from {@code 14-parquet-zero-rows-pandas}.
 */
class Case14ParquetZeroRowsPandasTest {

    @ParameterizedTest
    @ValueSource(strings = {"empty_no_row_groups.parquet", "empty_one_empty_row_group.parquet"})
    void refusesAFileWithoutRows(String name) {
        Path file = Fixtures.resource("cases/14-parquet-zero-rows-pandas/" + name);

        InputDataException error = ParquetFixtures.refuse(file, TARGET_Y, NullPolicy.FAIL);

        assertEquals(1, error.problemCount());
        Fixtures.assertProblem(error.problems().get(0), name, "", "", null);
        assertEquals(file + ": holds no training examples (0 rows)", error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"empty_no_row_groups.parquet", "empty_one_empty_row_group.parquet"})
    void checksTheSchemaBeforeTheRowCount(String name) {
        Path file = Fixtures.resource("cases/14-parquet-zero-rows-pandas/" + name);
        DatasetRequest request = new DatasetRequest(List.of(), List.of("label"), 1);

        InputDataException error = ParquetFixtures.refuse(file, request, NullPolicy.FAIL);

        Fixtures.assertProblem(error.problems().get(0), name, "", "'label'", null);
    }
}
