package dev.backprop.data;

import static dev.backprop.data.Fixtures.TARGET_Y;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Case 10: a pandas frame written after a filter keeps its row index as the physical column
 * {@code __index_level_0__}; it is not a feature unless named. Fixture copied from
 * {@code 10-pandas-index-column} (written by parquet-java with pandas metadata, see its spec.md).
 */
class Case10PandasIndexColumnTest {

    private static final Path FILE = Fixtures.resource("cases/10-pandas-index-column/train.parquet");

    @Test
    void leavesTheIndexColumnOutOfTheDefaultFeatures() {
        Dataset dataset = ParquetFixtures.read(FILE, TARGET_Y);

        Fixtures.assertXor(dataset);
    }

    @Test
    void usesTheIndexColumnWhenNamedAsAFeature() {
        DatasetRequest request = new DatasetRequest(List.of("x1", "__index_level_0__"), List.of("y"), 1);

        Dataset dataset = ParquetFixtures.read(FILE, request);

        assertEquals(List.of("x1", "__index_level_0__"), dataset.featureNames());
        assertArrayEquals(new double[] {0, 3, 0, 7, 1, 10, 1, 12}, dataset.examples().features(), 0.0);
    }

    @Test
    void findsIndexColumnsFromPandasMetadataOrByName() {
        List<String> header = List.of("a", "__index_level_0__", "idx");

        assertEquals(List.of("idx"), ParquetSchemaPlan.indexColumns(header,
                java.util.Map.of("pandas", "{\"index_columns\": [\"idx\"], \"columns\": []}")));
        assertEquals(List.of("__index_level_0__"), ParquetSchemaPlan.indexColumns(header, java.util.Map.of()));
        assertEquals(List.of(), ParquetSchemaPlan.indexColumns(header, java.util.Map.of("pandas",
                "{\"index_columns\": [{\"kind\": \"range\", \"start\": 0}]}")));
    }
}
