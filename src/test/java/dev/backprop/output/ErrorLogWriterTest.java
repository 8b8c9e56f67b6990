package dev.backprop.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorLogWriterTest {

    private static final long SEED = 17L;
    private static final int ROWS = 10_000;

    @TempDir
    Path folder;

    /** One logged step; the error columns are seeded random doubles with full 53-bit mantissas. */
    private record Step(int epoch, long step, double error, double meanError, double validationError) {

        static Step of(Random random, int index) {
            double validation = index % 3 == 0 ? random.nextDouble() : Double.NaN;
            return new Step(index / 100, index, random.nextDouble(), random.nextDouble() / 7, validation);
        }
    }

    private static Step[] steps() {
        Random random = new Random(SEED);
        Step[] steps = new Step[ROWS];
        for (int i = 0; i < ROWS; i++) {
            steps[i] = Step.of(random, i);
        }
        return steps;
    }

    private Path writeLog(Step[] steps, String compression) {
        Path file = folder.resolve("error_log.parquet");
        try (ErrorLogWriter log = ErrorLogWriter.open(file, compression)) {
            for (Step s : steps) {
                log.append("run 1 é", s.epoch(), s.step(), s.step() * 4, s.error(), s.meanError(),
                        s.validationError(), 0.5, s.step() * 3);
            }
            assertEquals(ROWS, log.rowCount());
        }
        return file;
    }

    @Test
    void tenThousandRowsReadBackByDuckDbWithExactDoublesAndNulls() throws SQLException {
        Step[] steps = steps();
        Path file = writeLog(steps, "snappy");

        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery("SELECT run, epoch, step, samples_seen, error,"
                        + " mean_error, validation_error, learning_rate, elapsed_ms"
                        + " FROM read_parquet('" + file + "') ORDER BY step")) {
            int index = 0;
            while (rows.next()) {
                assertRow(steps[index++], rows);
            }
            assertEquals(ROWS, index, "rows read, seed " + SEED);
        }
    }

    private static void assertRow(Step expected, ResultSet row) throws SQLException {
        String where = "step " + expected.step() + ", seed " + SEED;
        assertEquals("run 1 é", row.getString("run"), where);
        assertEquals(expected.epoch(), row.getInt("epoch"), where);
        assertEquals(expected.step() * 4, row.getLong("samples_seen"), where);
        // Exact: the file must hold the very doubles that were appended.
        assertEquals(expected.error(), row.getDouble("error"), 0.0, where);
        assertEquals(expected.meanError(), row.getDouble("mean_error"), 0.0, where);
        Object validation = row.getObject("validation_error");
        if (Double.isNaN(expected.validationError())) {
            assertNull(validation, where);
        } else {
            assertEquals(expected.validationError(), (Double) validation, 0.0, where);
        }
        assertEquals(0.5, row.getDouble("learning_rate"), 0.0, where);
        assertEquals(expected.step() * 3, row.getLong("elapsed_ms"), where);
    }

    @Test
    void duckDbSeesTheDocumentedColumnTypes() throws SQLException {
        Path file = writeLog(steps(), "gzip");
        String expected = "run VARCHAR, epoch INTEGER, step BIGINT, samples_seen BIGINT, error DOUBLE,"
                + " mean_error DOUBLE, validation_error DOUBLE, learning_rate DOUBLE, elapsed_ms BIGINT";

        StringBuilder actual = new StringBuilder();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet columns = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
            while (columns.next()) {
                actual.append(actual.length() == 0 ? "" : ", ")
                        .append(columns.getString("column_name"))
                        .append(' ')
                        .append(columns.getString("column_type"));
            }
        }
        assertEquals(expected, actual.toString());
    }

    @Test
    void passesTheCompatibilityChecksForEveryAllowedCodec() throws Exception {
        for (String compression : new String[] {"snappy", "gzip", "uncompressed"}) {
            ParquetFooters.assertReadableEverywhere(writeLog(steps(), compression));
        }
    }

    @Test
    void emptyLogIsAValidFile() throws SQLException {
        Path file = folder.resolve("empty.parquet");
        ErrorLogWriter.open(file, "snappy").close();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM read_parquet('" + file + "')")) {
            assertTrue(count.next());
            assertEquals(0, count.getLong(1));
        }
    }

    @Test
    void rejectsAppendAfterCloseAndUnknownCodec() {
        ErrorLogWriter log = ErrorLogWriter.open(folder.resolve("log.parquet"), "snappy");
        log.close();
        log.close();
        assertThrows(IllegalStateException.class, () -> log.append("r", 0, 0, 0, 0, 0, 0, 0, 0));
        IllegalArgumentException codec = assertThrows(IllegalArgumentException.class,
                () -> ErrorLogWriter.open(folder.resolve("other.parquet"), "lz4"));
        assertTrue(codec.getMessage().contains("compression: 'lz4'"), codec.getMessage());
    }
}
