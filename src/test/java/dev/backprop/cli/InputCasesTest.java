package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.data.CsvTable;
import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.Network;
import dev.backprop.output.JsonFiles;
import dev.backprop.output.WeightsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each CSV case of the shared bug-report cases (src/test/resources/cases/, see its README) run as
 * a whole job on its own input file, asserting the TRAIN(n; features; targets) or
 * REFUSE(file; line; column; value) its expected.md describes. Each case's
 * {@code hyperparams*.csv} ({@code name,value} rows) is translated into the job's keys:
 * {@code target_columns} -> {@code targets}, {@code hidden_layer_sizes} -> the middle of
 * {@code layers}, {@code mse} -> {@code squared_error}; the rest keep their names.
 */
class InputCasesTest {

    private static final Path CASES = Path.of("src/test/resources/cases");

    @TempDir
    Path folder;

    private Path output() {
        return folder.resolve("out");
    }

    /** Writes a job file for a case's input and hyperparameters; featureCount sizes the input layer. */
    private Path job(String caseFolder, String dataFile, String hyperparameters, int featureCount, String... extra)
            throws IOException {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (CsvTable.Row row : CsvTable.read(CASES.resolve(caseFolder).resolve(hyperparameters)).rows()) {
            values.put(row.get("name"), row.get("value"));
        }
        int targetCount = values.get("target_columns").split(",").length;
        StringBuilder job = new StringBuilder()
                .append("data = ").append(CASES.resolve(caseFolder).resolve(dataFile).toAbsolutePath()).append('\n')
                .append("targets = ").append(values.get("target_columns")).append('\n')
                .append("layers = ").append(featureCount).append(',').append(values.get("hidden_layer_sizes"))
                .append(',').append(targetCount).append('\n')
                .append("learning_rate = ").append(values.get("learning_rate")).append('\n')
                .append("epochs = ").append(values.get("epochs")).append('\n')
                .append("seed = ").append(values.get("seed")).append('\n')
                .append("output_activation = ").append(values.getOrDefault("output_activation", "")).append('\n')
                .append("loss = ").append(values.getOrDefault("loss", "mse").replace("mse", "squared_error"))
                .append('\n')
                .append("output = ").append(output()).append('\n')
                .append("run = case\n");
        for (String line : extra) {
            job.append(line).append('\n');
        }
        Path file = folder.resolve("job.properties");
        Files.writeString(file, job.toString());
        return file;
    }

    private static CommandRun train(Path job, String... more) {
        List<String> args = new ArrayList<>(List.of("train", job.toString()));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    // ---------------------------------------------------------------- TRAIN

    /** Asserts TRAIN(n; features; targets) for the committed run {@code run=case}. */
    private Path assertTrained(CommandRun result, int rows, List<String> features, List<String> targets,
            int epochs) throws Exception {
        assertEquals(0, result.exitCode(), result.stderr());
        Path run = output().resolve("run=case");
        Map<String, Object> summary = JsonFiles.read(run.resolve("summary.json"));
        assertEquals(rows, ((Number) summary.get("training_rows")).intValue());
        Map<String, Object> model = JsonFiles.read(run.resolve("model.json"));
        assertEquals(features, model.get("feature_names"), "model.json feature names");
        assertEquals(targets, model.get("target_names"), "model.json target names");

        Path weights = run.resolve("weights.parquet");
        assertEquals(features, Duck.strings("SELECT DISTINCT input_name FROM read_parquet(FILE)"
                + " WHERE layer = 1 AND input >= 0 ORDER BY input", weights));
        assertEquals(List.of((double) features.size()), Duck.doubles("SELECT DISTINCT count(*) FROM"
                + " read_parquet(FILE) WHERE layer = 1 AND input >= 0 GROUP BY neuron", weights), "fan-in");
        assertEquals(targets, Duck.strings("SELECT DISTINCT neuron_name FROM read_parquet(FILE)"
                + " WHERE layer = (SELECT max(layer) FROM read_parquet(FILE)) ORDER BY neuron", weights));
        assertEquals(List.of(0.0), Duck.doubles("SELECT count(*) FROM read_parquet(FILE) WHERE NOT isfinite(value)",
                weights));

        Path errorLog = run.resolve("error_log.parquet");
        assertEquals(List.of((double) epochs, 1.0, (double) epochs, 0.0), Duck.doubles("SELECT count(*) FROM"
                + " read_parquet(FILE) UNION ALL SELECT min(epoch) FROM read_parquet(FILE) UNION ALL"
                + " SELECT count(DISTINCT epoch) FROM read_parquet(FILE) UNION ALL SELECT count(*) FROM"
                + " read_parquet(FILE) WHERE NOT isfinite(error) OR error < 0", errorLog));
        String weightsCsv = Files.readString(run.resolve("weights.csv"));
        assertFalse(weightsCsv.contains("\uFEFF") || weightsCsv.contains("\r\r"), weightsCsv);
        return run;
    }

    @ParameterizedTest
    @CsvSource({"train_quoted_bom_crlf.csv", "train_bom_unquoted_crlf.csv"})
    void case01ExcelBomCrlfQuotedTrains(String file) throws Exception {
        Path job = job("01-excel-bom-crlf-quoted", file, "hyperparams.csv", 2);

        CommandRun result = train(job);

        Path run = assertTrained(result, 4, List.of("x1", "x2"), List.of("y"), 2000);
        for (String output : List.of("model.json", "summary.json", "weights.csv")) {
            String text = Files.readString(run.resolve(output));
            assertFalse(text.contains("\uFEFF"), output + " holds a BOM");
        }
        assertFalse(result.stderr().contains("\uFEFF"), "the log shows names without BOM");
        assertTrue(result.stderr().contains("4 rows, 2 feature columns [x1, x2], 1 target columns [y]"),
                result.stderr());
    }

    @Test
    void case04PaddedHeaderNamesAreTrimmedAndTrain() throws Exception {
        Path job = job("04-duplicate-and-padded-header-names", "train_padded_names.csv", "hyperparams.csv", 2);

        assertTrained(train(job), 4, List.of("x1", "x2"), List.of("y"), 2000);
    }

    @Test
    void case07BlankAndWhitespaceOnlyLinesAreNotRecords() throws Exception {
        Path job = job("07-blank-lines-and-ragged-rows", "A_train_blank_lines.csv", "hyperparams.csv", 2);

        assertTrained(train(job), 4, List.of("x1", "x2"), List.of("y"), 2000);
    }

    @Test
    void case17AwkwardNamesStayDataAndTheRunFolderHoldsOnlyDocumentedFiles() throws Exception {
        Path job = job("17-output-parquet-interop", "train_named_columns.csv", "hyperparams.csv", 2);

        Path run = assertTrained(train(job), 6, List.of("sepal length (cm)", "Code région"),
                List.of("target value"), 300);

        try (Stream<Path> files = Files.list(run)) {
            assertEquals(List.of("error_log.parquet", "model.json", "summary.json", "weights.csv",
                    "weights.parquet"), files.map(path -> path.getFileName().toString()).sorted().toList());
        }
        for (String file : List.of("weights.parquet", "error_log.parquet")) {
            for (String column : Duck.strings("SELECT name FROM parquet_schema(FILE) WHERE name <> 'schema'",
                    run.resolve(file))) {
                assertTrue(column.matches("[a-z][a-z0-9_]*"), file + " column " + column);
            }
        }
        assertTrue(Files.readString(run.resolve("weights.csv")).lines().findFirst().orElseThrow()
                .matches("[a-z][a-z0-9_]*(,[a-z][a-z0-9_]*)*"), "weights.csv header");
    }

    /** Case 08: XOR learned in one-hot (two target columns) and single-column form. */
    @ParameterizedTest
    @CsvSource({"xor_onehot.csv, hyperparams_onehot.csv, 'y1,y2'", "xor.csv, hyperparams_single.csv, y"})
    void case08XorLearnsForNineOfTenSeedsDeterministically(String file, String hyperparameters, String targets)
            throws Exception {
        List<String> targetNames = List.of(targets.split(","));
        double[][] inputs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        int solved = 0;
        StringBuilder report = new StringBuilder();
        for (int seed = 1; seed <= 10; seed++) {
            Path job = job("08-xor-onehot-two-targets", file, hyperparameters, 2, "seed = " + seed);
            Path run = assertTrained(train(job, "--quiet"), 4, List.of("x1", "x2"), targetNames, 5000);

            List<Double> errors = Duck.doubles("SELECT error FROM read_parquet(FILE) ORDER BY epoch",
                    run.resolve("error_log.parquet"));
            assertTrue(errors.get(4999) < errors.get(0), "seed " + seed + ": last epoch's error below the first's");
            // error = sum over rows of 1/2 sum (t - o)^2, so MSE over rows and outputs = 2 error / (4 outputs).
            double meanSquaredError = 2 * errors.get(4999) / (4 * targetNames.size());
            boolean isCorrect = predictsXor(run, targetNames.size(), inputs);
            report.append(String.format("seed %d: mse %.5f correct %s%n", seed, meanSquaredError, isCorrect));
            if (meanSquaredError < 0.05 && isCorrect) {
                solved++;
            }
            Files.move(run, output().resolve("seed" + seed));
        }
        assertTrue(solved >= 9, report.toString());

        Path job = job("08-xor-onehot-two-targets", file, hyperparameters, 2, "seed = 1");
        assertEquals(0, train(job, "--quiet").exitCode());
        Path again = output().resolve("run=case");
        assertEquals(Files.readString(output().resolve("seed1/weights.csv")),
                Files.readString(again.resolve("weights.csv")),
                "same seed, same weights bit for bit");
        String errorsSql = "SELECT error FROM read_parquet(FILE) ORDER BY epoch";
        assertEquals(Duck.doubles(errorsSql, output().resolve("seed1/error_log.parquet")),
                Duck.doubles(errorsSql, again.resolve("error_log.parquet")), "same seed, same error log");
        assertFalse(Files.readString(output().resolve("seed1/weights.csv"))
                .equals(Files.readString(output().resolve("seed2/weights.csv"))), "seeds 1 and 2 differ");
    }

    private static boolean predictsXor(Path run, int outputs, double[][] inputs) {
        Architecture architecture = new Architecture(new int[] {2, 4, outputs}, Activation.SIGMOID, Activation.SIGMOID);
        Network network = new Network(architecture, WeightsFile.read(run.resolve("weights.parquet"), architecture));
        for (double[] input : inputs) {
            int expected = (int) input[0] ^ (int) input[1];
            double[] out = network.predict(input);
            int predicted = outputs == 1 ? (out[0] >= 0.5 ? 1 : 0) : (out[0] > out[1] ? 1 : 0);
            if (predicted != expected) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- REFUSE

    /** Asserts REFUSE: exit 3, one line naming file, location, column and value, and no outputs. */
    private void assertRefused(CommandRun result, String... mentions) {
        assertEquals(ExitCode.INPUT_ERROR, result.exitCode(), result.stderr());
        for (String mention : mentions) {
            assertTrue(result.stderr().contains(mention), "'" + mention + "' in: " + result.stderr());
        }
        assertFalse(result.stderr().contains("\tat "), "no stack trace without --verbose");
        assertTrue(result.stderr().lines().allMatch(line -> line.startsWith("backprop: error: ")
                || line.contains(" INFO ") || line.contains("[main] INFO")), result.stderr());
    }

    private void assertNoOutputs() {
        assertFalse(Files.exists(output()), "nothing may be written under the output");
    }

    @Test
    void case02SepLineIsRefusedAsADeclaredDelimiter() throws Exception {
        Path job = job("02-excel-semicolon-decimal-comma", "train_sep_line.csv", "hyperparams.csv", 2);

        assertRefused(train(job), "train_sep_line.csv: line 1", "\"sep=;\"", "declares ';' as its delimiter");
        assertNoOutputs();
    }

    @Test
    void case02SemicolonHeaderIsRefusedAsOneColumn() throws Exception {
        Path job = job("02-excel-semicolon-decimal-comma", "train_no_sep_line.csv", "hyperparams.csv", 2);

        assertRefused(train(job), "train_no_sep_line.csv: line 1", "header \"x1;x2;y;\" holds a single column",
                "different delimiter is likely");
        assertNoOutputs();
    }

    @ParameterizedTest
    @CsvSource({"train_duplicate_x2.csv", "train_duplicate_after_trim.csv"})
    void case04DuplicateHeaderNamesAreRefused(String file) throws Exception {
        Path job = job("04-duplicate-and-padded-header-names", file, "hyperparams.csv", 3);

        CommandRun result = train(job);

        assertRefused(result, file + ": line 1", "'x2'", "2", "3");
        assertTrue(result.stderr().matches("(?s).*positions? 2 and 3.*"), result.stderr());
        assertNoOutputs();
    }

    @Test
    void case05MissingValueTokensAreRefusedEveryOneNamed() throws Exception {
        Path job = job("05-missing-value-tokens", "train_missing.csv", "hyperparams.csv", 2);

        CommandRun result = train(job);

        assertRefused(result, "train_missing.csv: line 3, column 'x2': value \"\"",
                "train_missing.csv: line 4, column 'x2': value \"NA\"",
                "train_missing.csv: line 6, column 'x1': value \"NaN\"",
                "train_missing.csv: line 7, column 'x1': value \".\"");
        assertFalse(result.stderr().contains("line 5"), "quoted numbers are valid: " + result.stderr());
        assertNoOutputs();
    }

    @Test
    void case05RefusalLeavesAnExistingOutputFolderAsItWas() throws Exception {
        Path earlier = output().resolve("run=case");
        Files.createDirectories(earlier);
        Files.writeString(earlier.resolve("weights.csv"), "earlier run\n");

        CommandRun result = train(job("05-missing-value-tokens", "train_missing.csv", "hyperparams.csv", 2));

        assertEquals(ExitCode.INPUT_ERROR, result.exitCode(), result.stderr());
        try (Stream<Path> entries = Files.list(output())) {
            assertEquals(List.of("run=case"), entries.map(path -> path.getFileName().toString()).toList());
        }
        assertEquals("earlier run\n", Files.readString(earlier.resolve("weights.csv")));
    }

    @Test
    void case07ShortRowIsRefusedAtItsPhysicalLine() throws Exception {
        Path job = job("07-blank-lines-and-ragged-rows", "B_train_short_row.csv", "hyperparams.csv", 2);

        assertRefused(train(job), "B_train_short_row.csv: line 5", "\"1,0\"", "found 2 fields where 3 were expected");
        assertNoOutputs();
    }

    @Test
    void case07LongRowIsRefusedAtItsPhysicalLine() throws Exception {
        Path job = job("07-blank-lines-and-ragged-rows", "C_train_long_row.csv", "hyperparams.csv", 2);

        assertRefused(train(job), "C_train_long_row.csv: line 6", "\"1,1,0,1\"",
                "found 4 fields where 3 were expected");
        assertNoOutputs();
    }
}
