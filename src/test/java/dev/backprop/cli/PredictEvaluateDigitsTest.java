package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.data.HoldoutSplit;
import dev.backprop.output.JsonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} and {@code evaluate} on the digits job (10 epochs to stay fast) reproduce the
 * validation accuracy and error that training wrote into summary.json, exactly.
 */
class PredictEvaluateDigitsTest {

    @TempDir
    static Path folder;

    private static Path run;
    private static Map<String, Object> summary;

    @BeforeAll
    static void trainDigits() {
        CommandRun result = CommandRun.of("train", "conf/digits.properties", "--output", folder.toString(),
                "--set", "epochs=10", "--quiet");
        assertEquals(0, result.exitCode(), result.stderr());
        run = folder.resolve("run=sgd");
        summary = JsonFiles.read(run.resolve("summary.json"));
    }

    @Test
    void evaluateOnTheValidationSplitReproducesTheSummary() {
        Path json = folder.resolve("evaluation.json");
        CommandRun result = CommandRun.of("evaluate", run.toString(), "data/digits.csv", "--split", "validation",
                "--json", json.toString(), "--quiet");

        assertEquals(0, result.exitCode(), result.stderr());
        Map<String, Object> evaluation = JsonFiles.read(json);
        assertEquals(summary.get("validation_rows"), evaluation.get("rows"));
        assertEquals((Double) summary.get("validation_accuracy"), (Double) evaluation.get("accuracy"), 0.0);
        assertEquals((Double) summary.get("validation_error"), (Double) evaluation.get("error"), 0.0);
        assertTrue(result.stdout().contains("confusion matrix"), result.stdout());
        assertEquals(10, ((List<?>) evaluation.get("classes")).size());
    }

    @Test
    void evaluateOnTheTrainingSplitReproducesTheTrainingAccuracy() {
        Path json = folder.resolve("training.json");
        CommandRun result = CommandRun.of("evaluate", run.toString(), "data/digits.csv", "--split", "training",
                "--json", json.toString(), "--quiet");

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals((Double) summary.get("training_accuracy"), (Double) JsonFiles.read(json).get("accuracy"), 0.0);
    }

    @Test
    void predictionsOfTheHeldOutRowsGiveTheValidationAccuracy() throws Exception {
        Path predictions = folder.resolve("predictions.parquet");
        CommandRun result = CommandRun.of("predict", run.toString(), "data/digits.csv", "--output",
                predictions.toString(), "--quiet");
        assertEquals(0, result.exitCode(), result.stderr());

        int[] held = HoldoutSplit.validationRows(1797, 0.2, 1);
        String rows = Arrays.toString(held).replace('[', '(').replace(']', ')');
        List<String> labels = Duck.strings("SELECT predicted_label FROM read_parquet(FILE) WHERE row IN " + rows
                + " ORDER BY row", predictions);
        List<String> truth = Duck.strings("SELECT CAST(label AS VARCHAR) FROM (SELECT label, row_number() OVER () - 1"
                + " AS row FROM read_csv(FILE)) WHERE row IN " + rows + " ORDER BY row", Path.of("data/digits.csv"));
        long correct = 0;
        for (int i = 0; i < labels.size(); i++) {
            correct += labels.get(i).equals(truth.get(i)) ? 1 : 0;
        }

        assertEquals(held.length, labels.size());
        assertEquals((Double) summary.get("validation_accuracy"), (double) correct / held.length, 0.0);
    }

    @Test
    void predictWritesCsvToStandardOutputWithoutTargets() {
        CommandRun result = CommandRun.of("predict", run.toString(), "src/test/resources/digits-no-label.csv",
                "--quiet");

        assertEquals(0, result.exitCode(), result.stderr());
        String[] lines = result.stdout().split("\n");
        assertTrue(lines[0].startsWith("row,label_0,label_1,"), lines[0]);
        assertTrue(lines[0].endsWith(",label_9,predicted_label,probability"), lines[0]);
        assertEquals(4, lines.length);
    }

    @Test
    void unknownLabelIsAnInputError() {
        CommandRun result = CommandRun.of("evaluate", run.toString(), "src/test/resources/digits-bad-label.csv",
                "--quiet");

        assertEquals(ExitCode.INPUT_ERROR, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("line 3") && result.stderr().contains("'label'")
                && result.stderr().contains("\"eleven\""), result.stderr());
    }

    @Test
    void predictAndEvaluateReadParquetDataAsTheyReadCsv() throws Exception {
        Path parquet = folder.resolve("digits.parquet");
        assertEquals(0, CommandRun.of("convert", "data/digits.csv", parquet.toString(), "--quiet").exitCode());

        CommandRun fromCsv = CommandRun.of("predict", run.toString(), "data/digits.csv", "--quiet");
        CommandRun fromParquet = CommandRun.of("predict", run.toString(), parquet.toString(), "--quiet");
        Path json = folder.resolve("parquet-validation.json");
        CommandRun evaluated = CommandRun.of("evaluate", run.toString(), parquet.toString(), "--split", "validation",
                "--json", json.toString(), "--quiet");

        assertEquals(0, fromParquet.exitCode(), fromParquet.stderr());
        assertEquals(1798, fromParquet.stdout().lines().count(), "header and one line per digit");
        assertEquals(fromCsv.stdout(), fromParquet.stdout());
        assertEquals(0, evaluated.exitCode(), evaluated.stderr());
        assertEquals((Double) summary.get("validation_accuracy"), (Double) JsonFiles.read(json).get("accuracy"), 0.0);
    }

    @Test
    void predictReadsAFolderOfPartFilesIntoAnAtomicallyWrittenFile() throws Exception {
        Path parquet = folder.resolve("digits-for-parts.parquet");
        assertEquals(0, CommandRun.of("convert", "data/digits.csv", parquet.toString(), "--quiet").exitCode());
        Path parts = Files.createDirectories(folder.resolve("parts"));
        Files.copy(parquet, parts.resolve("part-00000.parquet"));
        Files.copy(parquet, parts.resolve("part-00001.parquet"));
        Files.writeString(parts.resolve("_SUCCESS"), "");
        Path predictions = folder.resolve("parts-predictions.csv");

        CommandRun result = CommandRun.of("predict", run.toString(), parts.toString(), "--output",
                predictions.toString(), "--quiet");

        assertEquals(0, result.exitCode(), result.stderr());
        List<String> lines = Files.readAllLines(predictions);
        assertEquals(1 + 2 * 1797, lines.size());
        assertEquals(lines.get(1).substring(lines.get(1).indexOf(',')),
                lines.get(1 + 1797).substring(lines.get(1 + 1797).indexOf(',')), "the second part repeats the first");
        try (var names = Files.list(folder)) {
            assertTrue(names.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temporary file left");
        }
    }
}
