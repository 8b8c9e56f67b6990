package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backprop convert} and {@code backprop make-data teacher}, checked with DuckDB. */
class ConvertAndMakeDataTest {

    @TempDir
    Path folder;

    @Test
    void makeDataReproducesThePythonGeneratorBitForBit() throws Exception {
        Path out = folder.resolve("teacher.parquet");

        CommandRun result = CommandRun.of("make-data", "teacher", "--rows", "20", "--features", "784",
                "--classes", "10", "--seed", "1", out.toString(), "--quiet");

        assertEquals(0, result.exitCode(), result.stderr());
        Path expected = Path.of("src/test/resources/teacher/teacher_784x10_seed1_first20.csv");
        List<String> lines = Files.readAllLines(expected);
        List<String> written = Duck.strings("SELECT label FROM read_parquet(FILE)", out);
        assertEquals(20, written.size());
        for (int row = 0; row < 20; row++) {
            String[] want = lines.get(row + 1).split(",");
            List<Double> values = Duck.doubles("SELECT unnest([" + columns(784) + "]) FROM read_parquet(FILE)"
                    + " LIMIT 784 OFFSET " + (784 * row), out);
            for (int i = 0; i < 784; i++) {
                assertEquals(Double.parseDouble(want[i]), values.get(i), 0.0, "row " + (row + 1) + " x" + i);
            }
            assertEquals(want[784], written.get(row), "label of row " + (row + 1));
        }
    }

    private static String columns(int count) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < count; i++) {
            names.append(i == 0 ? "" : ", ").append('x').append(i);
        }
        return names.toString();
    }

    @Test
    void convertedCsvTrainsExactlyAsTheCsv() throws Exception {
        Path parquet = folder.resolve("iris.parquet");

        CommandRun convert = CommandRun.of("convert", "data/iris.csv", parquet.toString(), "--quiet");

        assertEquals(0, convert.exitCode(), convert.stderr());
        // iris.csv holds its species as numbers 0, 1, 2, so every column is numeric.
        assertEquals(List.of("DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE"), Duck.strings(
                "SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet(FILE))", parquet));
        for (String data : new String[] {"data/iris.csv", parquet.toString()}) {
            String name = data.endsWith(".csv") ? "csv" : "parquet";
            CommandRun train = CommandRun.of("train", "conf/iris.properties", "--quiet", "--set", "data="
                    + Path.of(data).toAbsolutePath(), "--set", "epochs=3", "--output", folder.resolve(name).toString());
            assertEquals(0, train.exitCode(), train.stderr());
        }
        try (var runs = Files.list(folder.resolve("csv"))) {
            List<Path> runFolders = runs.filter(p -> p.getFileName().toString().startsWith("run=")).toList();
            assertEquals(2, runFolders.size(), runFolders.toString());
            for (Path run : runFolders) {
                assertArrayEquals(Files.readAllBytes(run.resolve("weights.csv")),
                        Files.readAllBytes(
                                folder.resolve("parquet").resolve(run.getFileName()).resolve("weights.csv")));
            }
        }
    }
}
