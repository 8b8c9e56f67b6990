package dev.backprop.data;

import static dev.backprop.data.Fixtures.TARGET_Y;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reader behaviour beyond the shared cases: columns, empty inputs, CSV syntax and encoding. */
class CsvDatasetReaderTest {

    @TempDir
    Path temporaryFolder;

    @Test
    void refusesMissingColumnsListingTheAvailableOnes() {
        Path file = Fixtures.write(temporaryFolder, "xor.csv", "x1,x2,y\n0,0,0\n");
        DatasetRequest request = new DatasetRequest(List.of("x1", "x3"), List.of("target"), 1);

        InputDataException error = Fixtures.refuse(file, request);

        assertEquals(2, error.problems().size());
        Fixtures.assertProblem(error.problems().get(0), "xor.csv", "line 1", "'x3'", null);
        assertEquals(file + ": line 1, column 'x3': is not in the header (it is listed in features);"
                + " the columns are 'x1', 'x2', 'y'", error.problems().get(0).describe());
        assertTrue(error.problems().get(1).message().contains("listed in targets"));
    }

    @Test
    void refusesHeaderOnlyFile() {
        Path file = Fixtures.write(temporaryFolder, "header_only.csv", "x1,x2,y\r\n\r\n");

        InputDataException error = Fixtures.refuse(file, TARGET_Y);

        assertEquals(file + ": holds no training examples (0 rows)", error.getMessage());
    }

    @Test
    void refusesEmptyFile() {
        Path file = Fixtures.write(temporaryFolder, "empty.csv", "");

        InputDataException error = Fixtures.refuse(file, TARGET_Y);

        assertTrue(error.getMessage().contains("holds no training examples (0 rows)"), error.getMessage());
    }

    @Test
    void readsSeveralTargetsInRequestedOrderAndSkipsUnusedColumns() {
        Path file = Fixtures.write(temporaryFolder, "two.csv", "id,x,y1,y2\nA,0.5,1,2\nB,-1e-3,3,4\n");
        DatasetRequest request = new DatasetRequest(List.of("x"), List.of("y2", "y1"), 2);

        Dataset dataset = CsvDatasetReader.read(file, request);

        assertEquals(List.of("y2", "y1"), dataset.targetNames());
        assertFalse(dataset.isClassification());
        assertArrayEquals(new double[] {0.5, -1e-3}, dataset.examples().features(), 0.0);
        assertArrayEquals(new double[] {2, 1, 4, 3}, dataset.examples().targets(), 0.0);
    }

    @Test
    void refusesUnnamedColumnWrittenByPandasIndex() {
        Path file = Fixtures.write(temporaryFolder, "pandas.csv", ",x1,y\n0,1,0\n");

        InputDataException error = Fixtures.refuse(file, TARGET_Y);

        Fixtures.assertProblem(error.problems().get(0), "pandas.csv", "line 1", "'' (position 1)", null);
        assertTrue(error.getMessage().contains("index=False"), error.getMessage());
    }

    @Test
    void refusesBrokenQuotingWithItsLine() {
        Path file = Fixtures.write(temporaryFolder, "quotes.csv", "x1,x2,y\n0,0,0\n\"1\"x,0,1\n");

        InputDataException error = Fixtures.refuse(file, TARGET_Y);

        Fixtures.assertProblem(error.problems().get(0), "quotes.csv", "line 3", "", null);
        assertTrue(error.getMessage().contains("is not valid CSV"), error.getMessage());
    }

    @Test
    void refusesTextThatIsNotUtf8() throws IOException {
        Path file = temporaryFolder.resolve("latin1.csv");
        Files.write(file, new byte[] {'x', ',', 'y', '\n', '1', ',', '2', '\n', (byte) 0xE9, ',', '1', '\n'});

        InputDataException error = Fixtures.refuse(file, TARGET_Y);

        assertTrue(error.getMessage().contains("is not UTF-8 text"), error.getMessage());
    }

    @Test
    void listsAtMostOneHundredProblemsButCountsAll() {
        StringBuilder content = new StringBuilder("x,y\n");
        for (int i = 0; i < 150; i++) {
            content.append("NA,1\n");
        }
        Path file = Fixtures.write(temporaryFolder, "many.csv", content.toString());

        InputDataException error = Fixtures.refuse(file, TARGET_Y);

        assertEquals(100, error.problems().size());
        assertEquals(150, error.problemCount());
        assertTrue(error.getMessage().endsWith("(and 149 more problems)"), error.getMessage());
        assertEquals("(and 50 more problems not listed)", error.describeAll().get(100));
    }

    @Test
    void wrapsMissingFileWithItsPath() {
        Path file = temporaryFolder.resolve("absent.csv");

        UncheckedIOException error =
                assertThrows(UncheckedIOException.class, () -> CsvDatasetReader.read(file, TARGET_Y));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }
}
