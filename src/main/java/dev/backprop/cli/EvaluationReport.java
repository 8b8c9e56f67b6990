package dev.backprop.cli;

import dev.backprop.output.TrainedModel;
import dev.backprop.training.EvaluationAccumulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results of {@code evaluate} as an aligned text table and as a JSON document. */
final class EvaluationReport {

    private final TrainedModel model;
    private final EvaluationAccumulator metrics;
    private final Path data;
    private final String split;
    private final List<String> classNames;

    EvaluationReport(TrainedModel model, EvaluationAccumulator metrics, Path data, String split) {
        this.model = model;
        this.metrics = metrics;
        this.data = data;
        this.split = split;
        List<String> labels = model.description().classLabels();
        // A single output is a binary classifier when read as "output >= 0.5", as training's accuracy reads it.
        this.classNames = !labels.isEmpty() ? labels : isBinary() ? List.of("0", "1") : List.of();
    }

    private boolean isBinary() {
        return model.network().architecture().outputSize() == 1
                && model.description().outputActivation() == dev.backprop.network.Activation.SIGMOID;
    }

    private boolean hasClasses() {
        return !classNames.isEmpty();
    }

    /** The JSON document: keys in snake_case, NaN written as "NaN". */
    Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("model", model.folder().toString());
        document.put("data", data.toString());
        document.put("split", split);
        document.put("rows", metrics.rows());
        document.put("loss", model.description().loss().configName());
        document.put("error", metrics.error());
        document.put("mean_error", metrics.meanError());
        if (hasClasses()) {
            document.put("accuracy", metrics.accuracy());
            document.put("classes", perClass());
            document.put("confusion_matrix", confusionMatrix());
        } else {
            document.put("outputs", perOutput());
        }
        return document;
    }

    private List<Map<String, Object>> perClass() {
        List<Map<String, Object>> classes = new ArrayList<>();
        for (int k = 0; k < classNames.size(); k++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("label", classNames.get(k));
            entry.put("precision", metrics.precision(k));
            entry.put("recall", metrics.recall(k));
            entry.put("f1", metrics.f1(k));
            entry.put("support", metrics.support(k));
            classes.add(entry);
        }
        return classes;
    }

    /** Rows are true classes, columns predicted classes, both in label order. */
    private Map<String, Object> confusionMatrix() {
        List<long[]> counts = new ArrayList<>();
        for (int actual = 0; actual < classNames.size(); actual++) {
            long[] row = new long[classNames.size()];
            for (int predicted = 0; predicted < row.length; predicted++) {
                row[predicted] = metrics.count(actual, predicted);
            }
            counts.add(row);
        }
        Map<String, Object> matrix = new LinkedHashMap<>();
        matrix.put("labels", classNames);
        matrix.put("rows_are", "actual");
        matrix.put("columns_are", "predicted");
        matrix.put("counts", counts);
        return matrix;
    }

    private List<Map<String, Object>> perOutput() {
        List<Map<String, Object>> outputs = new ArrayList<>();
        List<String> names = model.description().targetNames();
        for (int k = 0; k < names.size(); k++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("target", names.get(k));
            entry.put("mean_absolute_error", metrics.meanAbsoluteError(k));
            entry.put("root_mean_squared_error", metrics.rootMeanSquaredError(k));
            outputs.add(entry);
        }
        return outputs;
    }

    /** The text table printed on stdout. */
    String table() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "model      %s%ndata       %s (split: %s)%nrows       %d%n",
                model.folder(), data, split, metrics.rows()));
        text.append(String.format(Locale.ROOT, "error      %s (%s, summed over rows)%nmean_error %s%n",
                number(metrics.error()), model.description().loss().configName(), number(metrics.meanError())));
        if (hasClasses()) {
            text.append(String.format(Locale.ROOT, "accuracy   %s%n%n", number(metrics.accuracy())));
            appendClassTable(text);
            text.append(String.format(Locale.ROOT, "%nconfusion matrix (rows: actual, columns: predicted)%n"));
            appendConfusionMatrix(text);
        } else {
            text.append(String.format(Locale.ROOT, "%n%-24s %14s %14s%n", "target", "mae", "rmse"));
            List<String> names = model.description().targetNames();
            for (int k = 0; k < names.size(); k++) {
                text.append(String.format(Locale.ROOT, "%-24s %14s %14s%n", names.get(k),
                        number(metrics.meanAbsoluteError(k)), number(metrics.rootMeanSquaredError(k))));
            }
        }
        return text.toString();
    }

    private void appendClassTable(StringBuilder text) {
        int width = Math.max(5, classNames.stream().mapToInt(String::length).max().orElse(5));
        text.append(String.format(Locale.ROOT, "%-" + width + "s %10s %10s %10s %8s%n", "label", "precision",
                "recall", "f1", "support"));
        for (int k = 0; k < classNames.size(); k++) {
            text.append(String.format(Locale.ROOT, "%-" + width + "s %10s %10s %10s %8d%n", classNames.get(k),
                    fraction(metrics.precision(k)), fraction(metrics.recall(k)), fraction(metrics.f1(k)),
                    metrics.support(k)));
        }
    }

    private void appendConfusionMatrix(StringBuilder text) {
        int labelWidth = classNames.stream().mapToInt(String::length).max().orElse(1);
        int width = Math.max(6, Math.max(labelWidth, Long.toString(metrics.rows()).length()) + 1);
        String cell = "%" + width + "s";
        text.append(String.format(Locale.ROOT, cell, ""));
        classNames.forEach(name -> text.append(String.format(Locale.ROOT, cell, name)));
        text.append(System.lineSeparator());
        for (int actual = 0; actual < classNames.size(); actual++) {
            text.append(String.format(Locale.ROOT, cell, classNames.get(actual)));
            for (int predicted = 0; predicted < classNames.size(); predicted++) {
                text.append(String.format(Locale.ROOT, cell, metrics.count(actual, predicted)));
            }
            text.append(System.lineSeparator());
        }
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.9g", value);
    }

    private static String fraction(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }
}
