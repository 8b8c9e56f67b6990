package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {

    @TempDir
    Path temporaryFolder;

    @Test
    void readsTrimmedHeaderAndCellsWithPhysicalLines() {
        Path file = Fixtures.write(temporaryFolder, "hyperparameters.csv",
                "\uFEFFrun_id , learning_rate,target_columns\r\n\r\n"
                        + "fast, 0.5 ,\"y1,y2\"\r\n   \r\nslow,0.01,y\r\n");

        CsvTable table = CsvTable.read(file);

        assertEquals(List.of("run_id", "learning_rate", "target_columns"), table.header());
        assertEquals(2, table.rows().size());
        CsvTable.Row fast = table.rows().get(0);
        assertEquals(3, fast.lineNumber());
        assertEquals("0.5", fast.get("learning_rate"));
        assertEquals("y1,y2", fast.get("target_columns"));
        assertEquals(5, table.rows().get(1).lineNumber());
        assertEquals("slow", table.rows().get(1).get("run_id"));
        assertTrue(table.hasColumn("run_id"));
    }

    @Test
    void readsHeaderOnlyTableAsNoRows() {
        Path file = Fixtures.write(temporaryFolder, "none.csv", "name,value\n");

        assertEquals(List.of(), CsvTable.read(file).rows());
    }

    @Test
    void refusesDuplicateNamesAndRaggedRowsWithTheirLines() {
        Path duplicates = Fixtures.write(temporaryFolder, "dup.csv", "name, name\na,b\n");
        Path ragged = Fixtures.write(temporaryFolder, "ragged.csv", "name,value\na,1\n\nb\nc,3,4\n");

        InputDataException duplicateError =
                assertThrows(InputDataException.class, () -> CsvTable.read(duplicates));
        InputDataException raggedError =
                assertThrows(InputDataException.class, () -> CsvTable.read(ragged));

        Fixtures.assertProblem(duplicateError.problems().get(0), "dup.csv", "line 1",
                "'name' (positions 1 and 2)", null);
        assertEquals(2, raggedError.problems().size());
        Fixtures.assertProblem(raggedError.problems().get(0), "ragged.csv", "line 4", "", "b");
        Fixtures.assertProblem(raggedError.problems().get(1), "ragged.csv", "line 5", "", "c,3,4");
    }

    @Test
    void refusesEmptyFile() {
        Path file = Fixtures.write(temporaryFolder, "empty.csv", "\n \n");

        InputDataException error = assertThrows(InputDataException.class, () -> CsvTable.read(file));

        assertEquals(file + ": is empty: it has no header line", error.getMessage());
    }

    @Test
    void unknownColumnIsAnError() {
        Path file = Fixtures.write(temporaryFolder, "t.csv", "name,value\na,1\n");
        CsvTable.Row row = CsvTable.read(file).rows().get(0);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> row.get("Name"));

        assertTrue(error.getMessage().contains("no column 'Name'"), error.getMessage());
    }
}
