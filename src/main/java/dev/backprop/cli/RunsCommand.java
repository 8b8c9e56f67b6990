package dev.backprop.cli;

import dev.backprop.output.JsonFiles;
import dev.backprop.output.RunFolders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code backprop runs OUT}: the runs of an output folder, best first. */
@Command(
        name = "runs",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the runs in OUT from their summary.json files: the run id, the hyperparameters whose values"
                    + " differ between runs, training and validation error per sample, accuracies, epochs and"
                    + " training time.",
            "Sorted by validation error per sample, then training error per sample (runs without validation"
                    + " rows last), so the best run of a sweep is the first row."
        },
        footer = ExitCode.HELP_TEXT)
final class RunsCommand implements Callable<Integer> {

    @Mixin
    private LoggingOptions logging;

    /** Keys that differ between runs by construction and say nothing about the model. */
    private static final Set<String> NOT_COMPARED = Set.of("run", "output", "hyperparameters");

    @Parameters(index = "0", paramLabel = "OUT", description = "a job's output folder, e.g. out/iris")
    private Path output;

    /** One run's summary, reduced to what the table shows. */
    record RunRow(String id, Map<String, Object> hyperparameters, double trainingError, double validationError,
            double trainingAccuracy, double validationAccuracy, long epochs, long trainingMillis) {}

    @Override
    public Integer call() {
        List<RunRow> runs = new ArrayList<>();
        for (Path folder : RunFolders.list(output)) {
            runs.add(read(folder));
        }
        runs.sort(Comparator.comparingDouble((RunRow run) -> orLast(run.validationError()))
                .thenComparingDouble(run -> orLast(run.trainingError()))
                .thenComparing(RunRow::id));
        System.out.print(table(runs, differingKeys(runs)));
        System.out.flush();
        return ExitCode.SUCCESS;
    }

    @SuppressWarnings("unchecked")
    static RunRow read(Path folder) {
        Map<String, Object> summary = JsonFiles.read(folder.resolve("summary.json"));
        Object hyperparameters = summary.getOrDefault("hyperparameters", Map.of());
        return new RunRow(RunFolders.runId(folder), (Map<String, Object>) hyperparameters,
                perRow(summary, "training_error", "training_rows"),
                perRow(summary, "validation_error", "validation_rows"),
                number(summary, "training_accuracy"), number(summary, "validation_accuracy"),
                (long) number(summary, "epochs"), (long) number(summary, "training_ms"));
    }

    private static double perRow(Map<String, Object> summary, String errorKey, String rowsKey) {
        double rows = number(summary, rowsKey);
        return rows > 0 ? number(summary, errorKey) / rows : Double.NaN;
    }

    private static double number(Map<String, Object> summary, String key) {
        return summary.get(key) instanceof Number value ? value.doubleValue() : Double.NaN;
    }

    private static double orLast(double value) {
        return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
    }

    /** Hyperparameters whose values are not the same in every run, in summary order. */
    static List<String> differingKeys(List<RunRow> runs) {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(run -> keys.addAll(run.hyperparameters().keySet()));
        List<String> differing = new ArrayList<>();
        for (String key : keys) {
            Set<Object> values = new java.util.HashSet<>();
            runs.forEach(run -> values.add(Objects.toString(run.hyperparameters().get(key), "")));
            if (values.size() > 1 && !NOT_COMPARED.contains(key)) {
                differing.add(key);
            }
        }
        return differing;
    }

    static String table(List<RunRow> runs, List<String> keys) {
        List<String> header = new ArrayList<>(List.of("run"));
        header.addAll(keys);
        header.addAll(List.of("train_error", "val_error", "train_acc", "val_acc", "epochs_run", "time_ms"));
        List<List<String>> cells = new ArrayList<>();
        cells.add(header);
        for (RunRow run : runs) {
            List<String> row = new ArrayList<>(List.of(run.id()));
            keys.forEach(key -> row.add(Objects.toString(run.hyperparameters().get(key), "")));
            row.addAll(List.of(format(run.trainingError(), "%.6g"), format(run.validationError(), "%.6g"),
                    format(run.trainingAccuracy(), "%.4f"), format(run.validationAccuracy(), "%.4f"),
                    Long.toString(run.epochs()), Long.toString(run.trainingMillis())));
            cells.add(row);
        }
        // Text columns (run id, hyperparameters) left-aligned, the six result columns right-aligned.
        return TextTable.align(cells, header.size() - 6);
    }

    private static String format(double value, String pattern) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, pattern, value);
    }
}
