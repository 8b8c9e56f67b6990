package dev.backprop.data;

import static dev.backprop.data.Fixtures.TARGET_Y;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Case 01: files saved by Excel ("CSV UTF-8") or PowerShell Export-Csv start with a UTF-8 byte
 * order mark, end lines with CRLF and may quote every field. Fixtures copied byte for byte from
 * the shared case folder {@code 01-excel-bom-crlf-quoted}.
 */
class Case01ExcelBomCrlfQuotedTest {

    private static final String FOLDER = "cases/01-excel-bom-crlf-quoted/";

    @TempDir
    Path temporaryFolder;

    @ParameterizedTest
    @ValueSource(strings = {"train_quoted_bom_crlf.csv", "train_bom_unquoted_crlf.csv"})
    void readsXorWithCleanNames(String fileName) {
        Dataset dataset = CsvDatasetReader.read(Fixtures.resource(FOLDER + fileName), TARGET_Y);

        Fixtures.assertXor(dataset);
        String firstName = dataset.featureNames().get(0);
        assertEquals(2, firstName.length());
        assertFalse(firstName.startsWith("\uFEFF"));
        for (String name : List.of("x1", "x2", "y")) {
            assertTrue(dataset.featureNames().contains(name) || dataset.targetNames().contains(name));
        }
        dataset.featureNames().forEach(name -> assertFalse(name.contains("\"") || name.endsWith("\r")));
    }

    @Test
    void refusesByteOrderMarkAtStartOfLaterLine() {
        Path file = Fixtures.write(temporaryFolder, "bom_line2.csv", "x1,x2,y\r\n\uFEFF0,0,0\r\n1,1,0\r\n");

        InputDataException error = Fixtures.refuse(file, TARGET_Y);

        Fixtures.assertProblem(error.problems().get(0), "bom_line2.csv", "line 2", "'x1'", "\uFEFF0");
        assertTrue(error.getMessage().contains("value \"\\uFEFF0\" is not a number"), error.getMessage());
    }

    @Test
    void refusesSecondByteOrderMarkAtFileStart() {
        Path file = Fixtures.write(temporaryFolder, "two_boms.csv", "\uFEFF\uFEFFx1,x2,y\n0,0,0\n");

        InputDataException error = Fixtures.refuse(file, TARGET_Y);

        Fixtures.assertProblem(error.problems().get(0), "two_boms.csv", "line 1", "'\\uFEFFx1'", "\uFEFFx1");
        assertTrue(error.getMessage().contains("byte order mark"), error.getMessage());
    }
}
