package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.output.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on Parquet written by an independent writer (DuckDB): every column type, dictionary
 * pages, several row groups, a Spark-style folder of part files and null cells; the weights must
 * equal bitwise those of the same data as CSV, and of a streamed run.
 *
 * <p>The table has 60 rows: DOUBLE, FLOAT (quarters, exact in both widths), INT32, INT64,
 * BOOLEAN (1/0 in the CSV copy), DECIMAL(9,3) features and a VARCHAR label of three classes,
 * which DuckDB dictionary-encodes. Row groups hold 16 rows, a multiple of the batch size of 4:
 * the trainer never lets a batch span two blocks, so only then does a streamed run (one block per
 * row group) cut the same batches as an in-memory run.
 */
class TrainParquetTest {

    private static final String TABLE = "SELECT (i * 0.6180339887) % 1 AS d,"
            + " ((i % 7) / 4.0)::FLOAT AS f, (i % 5)::INTEGER AS i32, (i * 3 % 11)::BIGINT AS i64,"
            + " (i % 3 = 0) AS flag, ((i * 37 % 1000) / 1000.0)::DECIMAL(9,3) AS dec,"
            + " CASE WHEN (i * 0.6180339887) % 1 + (i % 5) / 5.0 < 0.6 THEN 'low'"
            + " WHEN (i * 0.6180339887) % 1 + (i % 5) / 5.0 < 1.2 THEN 'mid' ELSE 'high' END AS label"
            + " FROM range(1, 61) t(i) ORDER BY i";

    @TempDir
    Path folder;

    @BeforeEach
    void writeInputs() throws SQLException, IOException {
        Files.createDirectories(folder.resolve("parts"));
        sql("CREATE TABLE t AS " + TABLE,
                "COPY t TO '" + folder.resolve("train.parquet") + "' (FORMAT PARQUET, ROW_GROUP_SIZE 16)",
                "COPY (SELECT d, f, i32, i64, flag::INTEGER AS flag, dec, label FROM t) TO '"
                        + folder.resolve("train.csv") + "' (HEADER)",
                "COPY (SELECT * FROM t LIMIT 25) TO '" + folder.resolve("parts/part-00000.parquet")
                        + "' (FORMAT PARQUET, ROW_GROUP_SIZE 16)",
                "COPY (SELECT * FROM t OFFSET 25) TO '" + folder.resolve("parts/part-00001.parquet")
                        + "' (FORMAT PARQUET, ROW_GROUP_SIZE 16)",
                "COPY (SELECT CASE WHEN i = 20 THEN NULL ELSE d END AS d, f, i32, i64, flag, dec,"
                        + " label FROM t, range(1, 61) r(i) WHERE t.d = (i * 0.6180339887) % 1) TO '"
                        + folder.resolve("with_null.parquet") + "' (FORMAT PARQUET, ROW_GROUP_SIZE 16)",
                "COPY (SELECT 'a' AS run, 0.1 AS learning_rate UNION ALL SELECT 'b', 0.05) TO '"
                        + folder.resolve("hp.parquet") + "' (FORMAT PARQUET)");
        Files.writeString(folder.resolve("parts/_SUCCESS"), "");
        Files.writeString(folder.resolve("parts/.part-00000.parquet.crc"), "junk");
        Files.writeString(folder.resolve("job.properties"), "targets = label\nlayers = 6,5,3\n"
                + "output_activation = softmax\nloss = cross_entropy\nepochs = 4\nbatch_size = 4\n"
                + "learning_rate = 0.2\nscale = zscore\nseed = 7\n");
    }

    private void sql(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private CommandRun train(String data, String output, String... settings) {
        List<String> args = new java.util.ArrayList<>(List.of("train", folder.resolve("job.properties").toString(),
                "--quiet", "--set", "data=" + folder.resolve(data), "--output", folder.resolve(output).toString()));
        for (String setting : settings) {
            args.add("--set");
            args.add(setting);
        }
        return CommandRun.of(args.toArray(String[]::new));
    }

    private byte[] weights(String output) throws IOException {
        return Files.readAllBytes(folder.resolve(output).resolve("run=1/weights.csv"));
    }

    @Test
    void parquetFileAndPartFolderTrainExactlyAsTheCsv() throws IOException {
        assertEquals(0, train("train.csv", "csv").exitCode());
        CommandRun file = train("train.parquet", "file");
        CommandRun parts = train("parts", "parts");

        assertEquals(0, file.exitCode(), file.stderr());
        assertEquals(0, parts.exitCode(), parts.stderr());
        assertArrayEquals(weights("csv"), weights("file"));
        assertArrayEquals(weights("csv"), weights("parts"));
        Map<String, Object> summary = JsonFiles.read(folder.resolve("parts/run=1/summary.json"));
        assertEquals(60, ((Number) summary.get("training_rows")).intValue());
    }

    @Test
    void streamedRunEqualsInMemoryRun() throws IOException {
        CommandRun memory = train("train.parquet", "memory", "shuffle=false");
        CommandRun stream = train("train.parquet", "stream", "shuffle=false", "cache=stream");
        CommandRun auto = train("train.parquet", "auto", "shuffle=false", "cache=auto");

        assertEquals(0, memory.exitCode(), memory.stderr());
        assertEquals(0, stream.exitCode(), stream.stderr());
        assertEquals(0, auto.exitCode(), auto.stderr());
        assertArrayEquals(weights("memory"), weights("stream"));
        assertArrayEquals(weights("memory"), weights("auto"));
        Map<String, Object> summary = JsonFiles.read(folder.resolve("stream/run=1/summary.json"));
        assertEquals("stream", summary.get("cache"));
    }

    @Test
    void streamingRefusesAValidationSplit() {
        CommandRun result = train("train.parquet", "out", "cache=stream", "validation_fraction=0.2");

        assertEquals(ExitCode.CONFIG_ERROR, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("validation_fraction=0.2 cannot be used with streamed data"),
                result.stderr());
        assertFalse(Files.exists(folder.resolve("out")));
    }

    @Test
    void refusesANullCellNamingFileRowAndColumnAndWritesNothing() {
        CommandRun result = train("with_null.parquet", "out");

        assertEquals(ExitCode.INPUT_ERROR, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("with_null.parquet: row 20, column 'd': is null"), result.stderr());
        assertFalse(Files.exists(folder.resolve("out")));
    }

    @Test
    void skipsAndCountsNullRowsWhenAsked() {
        CommandRun result = train("with_null.parquet", "out", "on_null=skip");

        assertEquals(0, result.exitCode(), result.stderr());
        Map<String, Object> summary = JsonFiles.read(folder.resolve("out/run=1/summary.json"));
        assertEquals(1, ((Number) summary.get("rows_skipped")).intValue());
        assertEquals(59, ((Number) summary.get("training_rows")).intValue());
    }

    @Test
    void skippingNullRowsTrainsExactlyAsTheCsvWithoutThem() throws Exception {
        sql("COPY (SELECT d, f, i32, i64, flag::INTEGER AS flag, dec, label FROM read_parquet('"
                + folder.resolve("with_null.parquet") + "') WHERE d IS NOT NULL) TO '"
                + folder.resolve("without_null.csv") + "' (HEADER)");

        CommandRun skipped = train("with_null.parquet", "skipped", "on_null=skip");
        CommandRun csv = train("without_null.csv", "csv");

        assertEquals(0, skipped.exitCode(), skipped.stderr());
        assertEquals(0, csv.exitCode(), csv.stderr());
        assertArrayEquals(weights("csv"), weights("skipped"));
    }

    @Test
    void parquetHyperparametersGiveRunsReadableAsOneTableWithoutCrcFiles() throws Exception {
        CommandRun result = train("train.parquet", "sweep", "hyperparameters=" + folder.resolve("hp.parquet"));

        assertEquals(0, result.exitCode(), result.stderr());
        List<String> runs = Duck.strings("SELECT DISTINCT run || ':' || count(*) OVER (PARTITION BY run)"
                + " FROM read_parquet(FILE, hive_partitioning=true) ORDER BY 1",
                folder.resolve("sweep").resolve("run=*").resolve("error_log.parquet"));
        assertEquals(List.of("a:4", "b:4"), runs);
        try (Stream<Path> files = Files.walk(folder.resolve("sweep"))) {
            assertEquals(List.of(), files.filter(path -> path.toString().endsWith(".crc")).toList());
        }
    }
}
