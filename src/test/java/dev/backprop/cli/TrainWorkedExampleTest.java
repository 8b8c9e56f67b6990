package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backprop train conf/mazur.properties}, end to end, with its outputs read back by DuckDB.
 * The expected errors are the worked example's in exact double arithmetic (see README).
 */
class TrainWorkedExampleTest {

    @TempDir
    static Path output;

    private static Path run;

    @BeforeAll
    static void trainTheWorkedExample() {
        CommandRun result = CommandRun.of("train", "conf/mazur.properties", "--output", output.toString(), "--quiet");
        assertEquals(0, result.exitCode(), result.stderr());
        run = output.resolve("run=mazur");
    }

    @Test
    void errorLogHoldsTheWorkedExampleErrors() throws Exception {
        List<Double> errors = Duck.doubles(
                "SELECT error FROM read_parquet(FILE) WHERE step IN (1, 2, 10000) ORDER BY step",
                run.resolve("error_log.parquet"));

        assertEquals(0.298371109, errors.get(0), 1e-9);
        assertEquals(0.2983711087600027, errors.get(0), 1e-12);
        assertEquals(0.29102777369359933, errors.get(1), 1e-12);
        assertEquals(3.510854812251261e-05, errors.get(2), 1e-12);
    }

    @Test
    void errorLogHasOneRowPerUpdateWithItsCounters() throws Exception {
        Path log = run.resolve("error_log.parquet");

        assertEquals(List.of(10_000.0), Duck.doubles("SELECT count(*) FROM read_parquet(FILE)", log));
        assertEquals(List.of(10_000.0), Duck.doubles("SELECT max(samples_seen) FROM read_parquet(FILE)", log));
        assertEquals(List.of(0.5), Duck.doubles("SELECT DISTINCT learning_rate FROM read_parquet(FILE)", log));
        assertEquals(List.of("mazur"), Duck.strings("SELECT DISTINCT run FROM read_parquet(FILE)", log));
        assertEquals(List.of(0.0), Duck.doubles(
                "SELECT count(*) FROM read_parquet(FILE) WHERE validation_error IS NOT NULL", log));
    }

    @Test
    void weightsParquetMatchesWeightsCsvAndKeepsBiasesFixed() throws Exception {
        List<Double> parquet = Duck.doubles("SELECT value FROM read_parquet(FILE) ORDER BY layer, neuron, input",
                run.resolve("weights.parquet"));
        List<Double> csv = Duck.doubles("SELECT value FROM read_csv(FILE) ORDER BY layer, neuron, input",
                run.resolve("weights.csv"));

        assertEquals(12, parquet.size());
        assertEquals(csv, parquet);
        // Ordered by input, -1 (the bias) comes first for each neuron: b1 = 0.35, b2 = 0.60 unchanged.
        assertEquals(0.35, parquet.get(0), 0.0);
        assertEquals(0.60, parquet.get(6), 0.0);
    }

    @Test
    void weightsOfTheRunAreValidInitialWeightsForAnotherJob(@TempDir Path again) throws Exception {
        CommandRun result = CommandRun.of("train", "conf/mazur.properties", "--output", again.toString(), "--quiet",
                "--set", "weights=" + run.resolve("weights.parquet"), "--set", "epochs=1");

        assertEquals(0, result.exitCode(), result.stderr());
        List<Double> errors = Duck.doubles("SELECT error FROM read_parquet(FILE)",
                again.resolve("run=mazur/error_log.parquet"));
        assertEquals(3.510187782978859e-05, errors.get(0), 1e-15);
    }

    @Test
    void outputFolderHoldsOnlyTheDocumentedFiles() throws Exception {
        try (Stream<Path> files = Files.list(run)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(List.of("error_log.parquet", "model.json", "summary.json", "weights.csv", "weights.parquet"),
                    names);
        }
        try (Stream<Path> entries = Files.list(output)) {
            // The one hidden entry allowed is the output lock's file (see OutputLock).
            assertFalse(entries.anyMatch(p -> p.getFileName().toString().startsWith(".")
                    && !p.getFileName().toString().equals(OutputLock.FILE_NAME)), "no temporary folders");
        }
        assertTrue(Files.readString(run.resolve("summary.json")).contains("\"final_error\""));
    }
}
