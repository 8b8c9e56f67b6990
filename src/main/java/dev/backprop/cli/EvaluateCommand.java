package dev.backprop.cli;

import dev.backprop.data.HoldoutSplit;
import dev.backprop.output.JsonFiles;
import dev.backprop.output.TrainedModel;
import dev.backprop.training.EvaluationAccumulator;
import dev.backprop.training.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backprop evaluate MODEL DATA}: error and classification quality on labeled rows. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Measures a trained network on labeled rows: total and mean error (the run's loss) and, for"
                    + " classification, accuracy, per-class precision, recall and F1, and a confusion matrix;"
                    + " for regression, mean absolute and root mean squared error per output.",
            "Prints an aligned table on stdout; --json writes the same as JSON.",
            "--split validation (or training) evaluates only the rows the run held out (or trained on):"
                    + " the split is recomputed from summary.json's seed and validation_fraction, so DATA"
                    + " must be the file the run was trained on."
        },
        footer = ExitCode.HELP_TEXT)
final class EvaluateCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluateCommand.class);

    /** Which rows of DATA to evaluate. */
    enum Split { all, training, validation }

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "a run folder (out/iris/run=lr0.05) or its weights file")
    private Path model;

    @Parameters(index = "1", paramLabel = "DATA",
            description = "labeled rows with the model's feature and target columns: a CSV file with a header row,"
                    + " a Parquet file or a folder of Parquet part files")
    private Path data;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the results to this JSON file")
    private Path json;

    @Option(names = "--split", paramLabel = "PART", defaultValue = "all",
            description = "all (default), training or validation: rows as the run split DATA")
    private Split split;

    @Mixin
    private LoggingOptions logging;

    @Override
    public Integer call() {
        TrainedModel trained = TrainedModel.load(model);
        IntPredicate isWanted = rowFilter(trained);
        EvaluationAccumulator metrics = new EvaluationAccumulator(trained.description().loss(),
                trained.description().outputActivation(), trained.network().architecture().outputSize());
        long rowsRead;
        try (ModelRows rows = ModelRows.open(data, trained, Optional.empty(), true)) {
            for (Optional<ModelRows.Block> block = rows.nextBlock(isWanted); block.isPresent();
                    block = rows.nextBlock(isWanted)) {
                addBlock(trained, block.get().examples(), metrics);
            }
            rowsRead = rows.rowsRead();
        }
        checkRowCount(trained, rowsRead);

        EvaluationReport report = new EvaluationReport(trained, metrics, data, split.name());
        System.out.print(report.table());
        System.out.flush();
        if (json != null) {
            JsonFiles.write(json, report.document());
            LOG.info("wrote {}", json);
        }
        return ExitCode.SUCCESS;
    }

    private static void addBlock(TrainedModel trained, Examples examples, EvaluationAccumulator metrics) {
        int featureCount = examples.featureCount();
        for (int r = 0; r < examples.rows(); r++) {
            double[] input = Arrays.copyOfRange(examples.features(), r * featureCount, (r + 1) * featureCount);
            metrics.add(trained.network().predict(input), examples.targets(), r * examples.targetCount());
        }
    }

    private IntPredicate rowFilter(TrainedModel trained) {
        if (split == Split.all) {
            return row -> true;
        }
        Map<String, Object> summary = summaryOf(trained);
        if (split == Split.validation && validationFraction(summary) == 0.0) {
            throw new IllegalArgumentException("--split validation: the run in " + trained.folder()
                    + " held out no rows (validation_fraction=0); use --split all");
        }
        int rows = totalRows(summary);
        BitSet held = new BitSet(rows);
        for (int row : HoldoutSplit.validationRows(rows, validationFraction(summary), seed(summary))) {
            held.set(row);
        }
        return split == Split.validation ? held::get : row -> !held.get(row);
    }

    /** A split is only meaningful on the very file the run trained on; its row count must match. */
    private void checkRowCount(TrainedModel trained, long rowsRead) {
        if (split != Split.all && rowsRead != totalRows(summaryOf(trained))) {
            throw new IllegalArgumentException("--split " + split + ": " + data + " has " + rowsRead
                    + " rows but the run in " + trained.folder() + " was trained on " + totalRows(summaryOf(trained))
                    + "; give the run's own training data");
        }
    }

    private static Map<String, Object> summaryOf(TrainedModel trained) {
        Path file = trained.folder().resolve("summary.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--split needs " + file + ", which train writes");
        }
        return JsonFiles.read(file);
    }

    private static int totalRows(Map<String, Object> summary) {
        return ((Number) summary.get("training_rows")).intValue()
                + ((Number) summary.get("validation_rows")).intValue();
    }

    @SuppressWarnings("unchecked")
    private static String hyperparameter(Map<String, Object> summary, String key) {
        Object value = ((Map<String, Object>) summary.get("hyperparameters")).get(key);
        if (value == null) {
            throw new IllegalArgumentException("summary.json has no hyperparameter '" + key + "'");
        }
        return value.toString();
    }

    private static double validationFraction(Map<String, Object> summary) {
        return Double.parseDouble(hyperparameter(summary, "validation_fraction"));
    }

    private static long seed(Map<String, Object> summary) {
        return Long.parseLong(hyperparameter(summary, "seed"));
    }
}
