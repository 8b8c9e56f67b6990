package dev.backprop.output;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.network.Architecture;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Case 17: outputs that DuckDB, pandas and Spark open, with awkward names kept as values. */
class OutputInteropTest {

    /** The names of case 17, plus one that needs RFC 4180 quoting. */
    private static final List<String> FEATURES = List.of("sepal length (cm)", "Code région", "a,\"quoted\" name");
    private static final List<String> TARGETS = List.of("target value");

    private static final Architecture NETWORK = WeightsFileTest.architecture(3, 4, 1);

    @TempDir
    Path outputDir;

    private Path writeWeights(Path folder) {
        WeightsFile.write(folder.resolve("weights.csv"), folder.resolve("weights.parquet"), NETWORK,
                WeightsFileTest.parameters(NETWORK), FEATURES, TARGETS, "snappy");
        return folder.resolve("weights.parquet");
    }

    @Test
    void duckDbReadsWeightsWithNamesAsExactValues() throws SQLException {
        Path file = writeWeights(outputDir);
        double[] parameters = WeightsFileTest.parameters(NETWORK);

        List<String> inputNames = new ArrayList<>();
        int rowNumber = 0;
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery("SELECT layer, neuron, input, value, input_name, neuron_name"
                        + " FROM read_parquet('" + file + "')")) {
            while (rows.next()) {
                rowNumber++;
                int index = WeightRows.parameterIndex(NETWORK, rows.getInt(1), rows.getInt(2), rows.getInt(3));
                assertEquals(Double.doubleToRawLongBits(parameters[index]),
                        Double.doubleToRawLongBits(rows.getDouble(4)), "value, row " + rowNumber);
                if (rows.getInt(1) == 1) {
                    inputNames.add(rows.getString(5));
                }
                assertEquals(rows.getInt(1) == 2 ? "target value" : null, rows.getString(6));
            }
        }
        assertEquals(List.of(FEATURES.get(0), FEATURES.get(1), FEATURES.get(2), "bias"), inputNames.subList(0, 4));
        assertEquals(NETWORK.size(1) * 4, inputNames.size());
        assertEquals(NETWORK.parameterCount(), rowNumber);
    }

    @Test
    void csvKeepsNamesAsQuotedValuesUnderSafeColumnNames() throws IOException {
        writeWeights(outputDir);
        Path csv = outputDir.resolve("weights.csv");

        String text = Files.readString(csv, UTF_8);
        assertTrue(text.contains(",\"a,\"\"quoted\"\" name\","), "RFC 4180 quoting of a name with , and \"");

        try (Reader in = Files.newBufferedReader(csv, UTF_8)) {
            List<CSVRecord> records =
                    CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
            assertEquals(FEATURES, List.of(records.get(0).get("input_name"), records.get(1).get("input_name"),
                    records.get(2).get("input_name")));
            assertEquals("target value", records.get(records.size() - 1).get("neuron_name"));
        }
    }

    @Test
    void weightsFilesPassTheFooterChecks() throws IOException {
        for (String compression : new String[] {"snappy", "gzip", "uncompressed"}) {
            Path file = outputDir.resolve(compression + ".parquet");
            WeightsFile.write(outputDir.resolve(compression + ".csv"), file, NETWORK,
                    WeightsFileTest.parameters(NETWORK), FEATURES, TARGETS, compression);
            ParquetFooters.assertReadableEverywhere(file);
        }
    }

    @Test
    void readsWeightsRewrittenByAnotherToolWithInt64CoreColumnsOnly() throws SQLException {
        Path original = writeWeights(outputDir);
        Path rewritten = outputDir.resolve("rewritten.parquet");
        // What pandas does by default: 64-bit integer columns, and the name columns dropped here.
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            statement.execute("COPY (SELECT value, layer::BIGINT AS layer, neuron::BIGINT AS neuron,"
                    + " input::BIGINT AS input FROM read_parquet('" + original + "') ORDER BY random())"
                    + " TO '" + rewritten + "' (FORMAT parquet)");
        }
        double[] expected = WeightsFileTest.parameters(NETWORK);
        double[] actual = WeightsFile.read(rewritten, NETWORK);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]), "index " + i);
        }
    }

    @Test
    void nullValueInParquetIsNamedWithItsRow() throws SQLException {
        Path original = writeWeights(outputDir);
        Path edited = outputDir.resolve("edited.parquet");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            statement.execute("COPY (SELECT layer, neuron, input, CASE WHEN layer = 1 AND neuron = 1 AND input = 0"
                    + " THEN NULL ELSE value END AS value FROM read_parquet('" + original + "'))"
                    + " TO '" + edited + "' (FORMAT parquet)");
        }
        WeightsFileException error =
                assertThrows(WeightsFileException.class, () -> WeightsFile.read(edited, NETWORK));
        // Row 5: neuron 0 has inputs 0, 1, 2 and the bias, then neuron 1 starts with input 0.
        assertEquals("row 5", error.location());
        assertEquals("value", error.column().orElseThrow());
        assertTrue(error.getMessage().contains("layers=3,4,1 expects 21 rows"), error.getMessage());
    }

    @Test
    void committedRunFolderHoldsOnlyTheDocumentedFiles() throws IOException {
        RunOutput run = RunOutput.begin(outputDir, "r1");
        writeWeights(run.temporaryFolder());
        try (ErrorLogWriter log = ErrorLogWriter.open(run.temporaryFolder().resolve("error_log.parquet"), "snappy")) {
            log.append("r1", 1, 1, 6, 0.29, 0.29, Double.NaN, 0.5, 3);
        }
        JsonFiles.write(run.temporaryFolder().resolve("summary.json"), java.util.Map.of("rows", 6));
        Path folder = run.commit();

        try (Stream<Path> entries = Files.list(outputDir)) {
            assertEquals(List.of(folder), entries.toList(), "only run=r1 in the output folder");
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<String> names = files.map(path -> path.getFileName().toString()).sorted().toList();
            assertEquals(List.of("error_log.parquet", "summary.json", "weights.csv", "weights.parquet"), names);
            assertFalse(names.stream().anyMatch(name -> name.startsWith(".") || name.endsWith(".crc")));
        }
    }
}
