package dev.backprop.data;

import static dev.backprop.data.Fixtures.TARGET_Y;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case 07: empty and blank-only lines are skipped anywhere, and a row with too few or too many
 * fields is refused at its physical line, counting blank lines, with its raw text. Fixtures copied
 * from {@code 07-blank-lines-and-ragged-rows}.
 */
class Case07BlankLinesAndRaggedRowsTest {

    private static final String FOLDER = "cases/07-blank-lines-and-ragged-rows/";

    @TempDir
    Path temporaryFolder;

    @Test
    void skipsEmptyAndBlankOnlyLines() {
        Path file = Fixtures.resource(FOLDER + "A_train_blank_lines.csv");

        Fixtures.assertXor(CsvDatasetReader.read(file, TARGET_Y));
    }

    @Test
    void refusesShortRowAtItsPhysicalLine() {
        InputDataException error = Fixtures.refuse(Fixtures.resource(FOLDER + "B_train_short_row.csv"), TARGET_Y);

        assertEquals(1, error.problems().size());
        Fixtures.assertProblem(error.problems().get(0), "B_train_short_row.csv", "line 5", "", "1,0");
        String expectedEnd = "B_train_short_row.csv: line 5: found 2 fields where 3 were expected: \"1,0\"";
        assertTrue(error.getMessage().endsWith(expectedEnd), error.getMessage());
    }

    @Test
    void refusesLongRowAtItsPhysicalLine() {
        InputDataException error = Fixtures.refuse(Fixtures.resource(FOLDER + "C_train_long_row.csv"), TARGET_Y);

        assertEquals(1, error.problems().size());
        Fixtures.assertProblem(error.problems().get(0), "C_train_long_row.csv", "line 6", "", "1,1,0,1");
        assertTrue(error.getMessage().contains("found 4 fields where 3 were expected"), error.getMessage());
    }

    @Test
    void countsLinesInsideQuotedFieldsAndShowsQuotedRowsRaw() {
        Path file = Fixtures.write(temporaryFolder, "multiline.csv",
                "x1,x2,y\n\"0\",\"0\",\"0\"\n\n\t \n\"1\",\"1\"\n1,1,0\n");

        InputDataException error = Fixtures.refuse(file, TARGET_Y);

        Fixtures.assertProblem(error.problems().get(0), "multiline.csv", "line 5", "", "\"1\",\"1\"");
    }

    @Test
    void reportsBadCellsAndRaggedRowsTogetherInFileOrder() {
        Path file = Fixtures.write(temporaryFolder, "mixed.csv", "x1,x2,y\r\nNA,0,0\r\n\r\n1,0\r\n1,x,0\r\n");

        InputDataException error = Fixtures.refuse(file, TARGET_Y);

        assertEquals(3, error.problems().size());
        Fixtures.assertProblem(error.problems().get(0), "mixed.csv", "line 2", "'x1'", "NA");
        Fixtures.assertProblem(error.problems().get(1), "mixed.csv", "line 4", "", "1,0");
        Fixtures.assertProblem(error.problems().get(2), "mixed.csv", "line 5", "'x2'", "x");
    }
}
