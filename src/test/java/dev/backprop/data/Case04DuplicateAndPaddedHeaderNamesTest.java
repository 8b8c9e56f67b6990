package dev.backprop.data;

import static dev.backprop.data.Fixtures.TARGET_Y;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Case 04: a duplicated header name must be refused rather than resolved to either column, and
 * names padded with blanks must match their trimmed form. Fixtures copied from
 * {@code 04-duplicate-and-padded-header-names}.
 */
class Case04DuplicateAndPaddedHeaderNamesTest {

    private static final String FOLDER = "cases/04-duplicate-and-padded-header-names/";

    @TempDir
    Path temporaryFolder;

    @ParameterizedTest
    @ValueSource(strings = {"train_duplicate_x2.csv", "train_duplicate_after_trim.csv"})
    void refusesDuplicateNameGivingBothPositions(String fileName) {
        InputDataException error = Fixtures.refuse(Fixtures.resource(FOLDER + fileName), TARGET_Y);

        assertEquals(1, error.problems().size());
        Fixtures.assertProblem(error.problems().get(0), fileName, "line 1", "'x2' (positions 2 and 3)", null);
        assertTrue(error.getMessage().endsWith(fileName
                + ": line 1, column 'x2' (positions 2 and 3): appears more than once in the header;"
                + " give every column its own name"), error.getMessage());
    }

    @Test
    void trimsPaddedNames() {
        Dataset dataset = CsvDatasetReader.read(Fixtures.resource(FOLDER + "train_padded_names.csv"), TARGET_Y);

        Fixtures.assertXor(dataset);
    }

    @Test
    void matchesConfiguredNamesAgainstTrimmedNames() {
        DatasetRequest request = new DatasetRequest(List.of("x2", "x1"), List.of("y"), 1);

        Dataset dataset = CsvDatasetReader.read(Fixtures.resource(FOLDER + "train_padded_names.csv"), request);

        assertEquals(List.of("x2", "x1"), dataset.featureNames());
        assertArrayEquals(new double[] {0, 0, 1, 0, 0, 1, 1, 1}, dataset.examples().features(), 0.0);
    }

    @Test
    void comparesNamesWithCaseKept() {
        Path file = Fixtures.write(temporaryFolder, "case.csv", "X1,x1,y\n1,2,3\n");

        Dataset dataset = CsvDatasetReader.read(file, TARGET_Y);

        assertEquals(List.of("X1", "x1"), dataset.featureNames());
        assertArrayEquals(new double[] {1, 2}, dataset.examples().features(), 0.0);
    }
}
