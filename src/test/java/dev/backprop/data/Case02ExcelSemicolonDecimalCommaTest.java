package dev.backprop.data;

import static dev.backprop.data.Fixtures.TARGET_Y;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case 02: Excel in a decimal-comma locale writes ';' delimiters, "0,1" numbers, a trailing ';'
 * and sometimes a {@code sep=;} line. With the comma format these files must be refused at line 1,
 * never half read. Fixtures copied from {@code 02-excel-semicolon-decimal-comma}.
 */
class Case02ExcelSemicolonDecimalCommaTest {

    private static final String FOLDER = "cases/02-excel-semicolon-decimal-comma/";

    @TempDir
    Path temporaryFolder;

    @Test
    void refusesSeparatorLineNamingTheDeclaredDelimiter() {
        InputDataException error = Fixtures.refuse(Fixtures.resource(FOLDER + "train_sep_line.csv"), TARGET_Y);

        assertEquals(1, error.problems().size());
        Fixtures.assertProblem(error.problems().get(0), "train_sep_line.csv", "line 1", "", "sep=;");
        assertTrue(error.getMessage().contains("declares ';' as its delimiter"), error.getMessage());
        assertTrue(error.getMessage().contains("\"sep=;\""), error.getMessage());
        assertFalse(error.getMessage().contains("not in the header"), error.getMessage());
    }

    @Test
    void refusesSingleColumnHeaderContainingSemicolon() {
        InputDataException error =
                Fixtures.refuse(Fixtures.resource(FOLDER + "train_no_sep_line.csv"), TARGET_Y);

        assertEquals(1, error.problems().size());
        Fixtures.assertProblem(error.problems().get(0), "train_no_sep_line.csv", "line 1", "", "x1;x2;y;");
        assertTrue(error.getMessage().contains("header \"x1;x2;y;\" holds a single column"), error.getMessage());
        assertTrue(error.getMessage().contains("different delimiter is likely"), error.getMessage());
    }

    @Test
    void refusesSingleColumnHeaderContainingTab() {
        Path file = Fixtures.write(temporaryFolder, "tabs.csv", "x1\tx2\ty\n0\t0\t0\n");

        InputDataException error = Fixtures.refuse(file, TARGET_Y);

        assertTrue(error.getMessage().contains("probably separated by tab"), error.getMessage());
    }

    @Test
    void ignoresEmptyTrailingColumnOfCommaFile() {
        Path file = Fixtures.write(temporaryFolder, "trailing.csv",
                "x1,x2,y,\r\n0,0,0,\r\n0,1,1,\r\n1,0,1,\r\n1,1,0,\r\n");

        Fixtures.assertXor(CsvDatasetReader.read(file, TARGET_Y));
    }

    @Test
    void honoursCommaSeparatorLine() {
        Path file = Fixtures.write(temporaryFolder, "sep_comma.csv",
                "sep=,\nx1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");

        Fixtures.assertXor(CsvDatasetReader.read(file, TARGET_Y));
    }

    @Test
    void refusesValueInUnnamedTrailingColumn() {
        Path file = Fixtures.write(temporaryFolder, "filled.csv", "x1,x2,y,\n0,0,0,\n0,1,1,7\n");

        InputDataException error = Fixtures.refuse(file, TARGET_Y);

        Fixtures.assertProblem(error.problems().get(0), "filled.csv", "line 3", "'' (position 4)", "7");
    }
}
