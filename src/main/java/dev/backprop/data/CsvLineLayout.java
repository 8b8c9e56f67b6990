package dev.backprop.data;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Parses single lines of a CSV training file into feature and target values, for readers that
 * see a file line by line in pieces, such as the input splits of a MapReduce job.
 *
 * <p>The columns are found once in the header (as {@link CsvDatasetReader} does), each line is
 * parsed as one RFC 4180 record and every requested cell is checked by the {@link NumberGrammar};
 * a bad line yields an {@link InputProblem} naming the file, the location the caller gives, the
 * column and the raw value. Blank lines are not rows. Known shortcoming: a quoted field holding a
 * line break cannot be parsed line by line, so such a file is refused here (its two halves are
 * reported as rows of the wrong width) though {@link CsvDatasetReader} reads it; rewriting the
 * file without embedded line breaks, or as Parquet, is the way round.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class CsvLineLayout {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private final String source;
    private final int headerWidth;
    private final ColumnPlan plan;
    private final DatasetRequest request;
    private final Map<String, Integer> outputByLabel;

    private CsvLineLayout(
            String source, int headerWidth, ColumnPlan plan, DatasetRequest request, List<String> labels) {
        this.source = source;
        this.headerWidth = headerWidth;
        this.plan = plan;
        this.request = request;
        this.outputByLabel = new HashMap<>();
        for (int output = 0; output < labels.size(); output++) {
            outputByLabel.put(labels.get(output), output);
        }
    }

    /**
     * Finds the requested columns in a header.
     *
     * @param source the file as shown in messages
     * @param header the header's column names, trimmed, in file order
     * @param classLabels for a label-encoded request, the labels in output order (see
     *     {@link #orderLabels}); otherwise empty. A label-encoded layout built without labels only
     *     checks that each line has one, leaving the targets alone: the form for collecting them
     * @throws InputDataException naming every requested column the header lacks
     */
    public static CsvLineLayout resolve(
            String source, List<String> header, DatasetRequest request, List<String> classLabels) {
        Objects.requireNonNull(request, "request");
        ProblemCollector problems = new ProblemCollector();
        ColumnPlan plan = ColumnPlan.resolve(source, "line 1", header, request, problems);
        return new CsvLineLayout(source, header.size(), plan, request, List.copyOf(classLabels));
    }

    /**
     * Splits a header line into trimmed column names, a leading byte order mark removed.
     *
     * @throws InputDataException if the line is not one CSV record
     */
    public static List<String> parseHeader(String source, String line) {
        String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
        List<String> names = new ArrayList<>();
        for (String cell : splitRecord(source, "line 1", text)) {
            names.add(cell.trim());
        }
        return names;
    }

    /**
     * Puts class labels into encoding order, as {@link CsvDatasetReader} does: numeric when every
     * label is a number, lexicographic otherwise.
     */
    public static List<String> orderLabels(Collection<String> labels) {
        LabelEncoder encoder = new LabelEncoder(labels.size());
        labels.forEach(encoder::idOf);
        return encoder.orderedLabels();
    }

    /** Feature names in input order. */
    public List<String> featureNames() {
        return plan.featureNames();
    }

    /** Target column names as requested. */
    public List<String> targetNames() {
        return plan.targetNames();
    }

    /** Whether a blank line, which is not a row. */
    public static boolean isBlank(String line) {
        return NumberGrammar.stripBlanks(line).isEmpty();
    }

    /**
     * Parses one data line into {@code features[featureOffset ..]} and
     * {@code targets[targetOffset ..]}; a label is one-hot encoded with the layout's labels.
     *
     * @param location where the line is, for messages, such as {@code "byte offset 120"}
     * @return empty if the line was parsed, else the first problem found in it
     */
    public java.util.Optional<InputProblem> parse(
            String line, String location, double[] features, int featureOffset, double[] targets,
            int targetOffset) {
        List<String> cells;
        try {
            cells = splitRecord(source, location, line);
        } catch (InputDataException e) {
            return Optional.of(e.problems().get(0));
        }
        if (cells.size() != headerWidth) {
            return Optional.of(new InputProblem(source, location, "", null, "has " + cells.size()
                    + " fields but the header has " + headerWidth));
        }
        for (int feature = 0; feature < plan.featureNames().size(); feature++) {
            int column = plan.featureIndex(feature);
            double value = NumberGrammar.parseOrNaN(cells.get(column));
            if (Double.isNaN(value)) {
                return Optional.of(badCell(location, column, cells.get(column),
                        NumberGrammar.refusal(cells.get(column))));
            }
            features[featureOffset + feature] = value;
        }
        return request.isLabelEncoded()
                ? encodeLabel(cells, location, targets, targetOffset)
                : parseTargets(cells, location, targets, targetOffset);
    }

    /**
     * Returns the trimmed class label of a data line, for collecting the label set.
     *
     * @throws IllegalStateException if the request has no label column
     */
    public String label(String line, String location) {
        if (!request.isLabelEncoded()) {
            throw new IllegalStateException("the request has no label column");
        }
        List<String> cells = splitRecord(source, location, line);
        int column = plan.targetIndex(0);
        return column < cells.size() ? NumberGrammar.stripBlanks(cells.get(column)) : "";
    }

    private java.util.Optional<InputProblem> encodeLabel(
            List<String> cells, String location, double[] targets, int targetOffset) {
        int column = plan.targetIndex(0);
        String label = NumberGrammar.stripBlanks(cells.get(column));
        Integer output = outputByLabel.get(label);
        if (outputByLabel.isEmpty() && !label.isEmpty()) {
            return Optional.empty();
        }
        if (output == null) {
            String refusal = label.isEmpty() ? "is an empty class label" : "is not one of the class labels "
                    + outputByLabel.keySet();
            return Optional.of(badCell(location, column, cells.get(column), refusal));
        }
        for (int k = 0; k < request.outputWidth(); k++) {
            targets[targetOffset + k] = k == output ? 1.0 : 0.0;
        }
        return Optional.empty();
    }

    private java.util.Optional<InputProblem> parseTargets(
            List<String> cells, String location, double[] targets, int targetOffset) {
        for (int target = 0; target < plan.targetNames().size(); target++) {
            int column = plan.targetIndex(target);
            double value = NumberGrammar.parseOrNaN(cells.get(column));
            if (Double.isNaN(value)) {
                return Optional.of(badCell(location, column, cells.get(column),
                        NumberGrammar.refusal(cells.get(column))));
            }
            targets[targetOffset + target] = value;
        }
        return Optional.empty();
    }

    private InputProblem badCell(String location, int column, String text, String refusal) {
        return new InputProblem(source, location, plan.columnLabel(column), text,
                "value " + InputProblem.quote(text) + " " + refusal);
    }

    private static List<String> splitRecord(String source, String location, String line) {
        try (CSVParser parser = CSVParser.parse(new StringReader(line), FORMAT)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new InputDataException(List.of(new InputProblem(source, location, "", null,
                        "is not one CSV record (a quoted field with a line break cannot be read line by line)")));
            }
            return records.get(0).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputDataException(List.of(new InputProblem(source, location, "", null,
                    "is not valid CSV: " + e.getMessage())));
        }
    }
}
