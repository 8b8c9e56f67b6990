package dev.backprop.data;

import dev.backprop.training.Examples;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Collects the rows of one input into dense example arrays, checking every cell on the way. It
 * knows columns only by header position, so any tabular reader can feed it.
 *
 * <p>A bad cell is reported to the collector and reading goes on, so that one pass finds every
 * problem in the file; {@link #build()} throws if any were found. Mutable; belongs to one thread.
 */
final class ExampleBuilder {

    /** Distinct labels listed in a label-count message. */
    private static final int MAX_LABELS_LISTED = 20;

    /** Distinct labels tracked beyond the output width, to count them without unbounded memory. */
    static final int EXTRA_LABELS_TRACKED = 1000;

    /** The message for an input without data rows, the same for every file format. */
    static final String NO_ROWS = "holds no training examples (0 rows)";

    private final String source;
    private final String locationUnit;
    private final ColumnPlan plan;
    private final DatasetRequest request;
    private final ProblemCollector problems;
    private final GrowableDoubleArray features = new GrowableDoubleArray();
    /** Target values, or for a label column the label's provisional id in {@link #labels}. */
    private final GrowableDoubleArray targets = new GrowableDoubleArray();
    private final LabelEncoder labels;
    private int rows;

    /**
     * @param source the input as shown in messages
     * @param locationUnit how positions are named in messages: "line" or "row"
     */
    ExampleBuilder(
            String source, String locationUnit, ColumnPlan plan, DatasetRequest request,
            ProblemCollector problems) {
        this.source = source;
        this.locationUnit = locationUnit;
        this.plan = plan;
        this.request = request;
        this.problems = problems;
        this.labels = new LabelEncoder(request.outputWidth() + EXTRA_LABELS_TRACKED);
    }

    /**
     * Adds one row.
     *
     * @param cells the raw text of the row's cells, by 0-based header position
     * @param position the row's line or row number, for messages
     */
    void addRow(IntFunction<String> cells, long position) {
        if (rows == Integer.MAX_VALUE) {
            throw new IllegalStateException(source + " holds more rows than one data set can hold");
        }
        for (int feature = 0; feature < plan.featureNames().size(); feature++) {
            features.add(parseNumber(cells, plan.featureIndex(feature), position));
        }
        if (request.isLabelEncoded()) {
            targets.add(labelId(cells, plan.targetIndex(0), position));
        } else {
            for (int target = 0; target < plan.targetNames().size(); target++) {
                targets.add(parseNumber(cells, plan.targetIndex(target), position));
            }
        }
        rows++;
    }

    /**
     * Returns the data set read so far.
     *
     * @throws InputDataException listing every problem found, including an empty input and a
     *     label count that does not match the output width
     */
    Dataset build() {
        if (rows == 0) {
            problems.add(new InputProblem(
                    source, "", "", null, NO_ROWS));
        }
        if (request.isLabelEncoded() && rows > 0) {
            checkLabelCount();
        }
        problems.throwIfAny();
        if (request.isLabelEncoded()) {
            return buildClassification();
        }
        List<String> featureNames = plan.featureNames();
        List<String> targetNames = plan.targetNames();
        Examples examples = new Examples(rows, featureNames.size(), targetNames.size(),
                features.toArray(), targets.toArray());
        return new Dataset(source, featureNames, targetNames, List.of(), "", examples);
    }

    private Dataset buildClassification() {
        String labelColumn = plan.targetNames().get(0);
        List<String> classLabels = labels.orderedLabels();
        List<String> targetNames = classLabels.stream()
                .map(label -> labelColumn + "=" + label)
                .toList();
        List<String> featureNames = plan.featureNames();
        int width = request.outputWidth();
        Examples examples = new Examples(rows, featureNames.size(), width, features.toArray(),
                labels.oneHot(targets.toArray(), width));
        return new Dataset(source, featureNames, targetNames, classLabels, labelColumn, examples);
    }

    private double parseNumber(IntFunction<String> cells, int column, long position) {
        String text = cells.apply(column);
        double value = NumberGrammar.parseOrNaN(text);
        if (Double.isNaN(value)) {
            report(position, column, text, NumberGrammar.refusal(text));
        }
        return value;
    }

    private double labelId(IntFunction<String> cells, int column, long position) {
        String text = cells.apply(column);
        String label = NumberGrammar.stripBlanks(text);
        if (label.isEmpty()) {
            report(position, column, text, "is an empty class label");
            return -1;
        }
        return labels.idOf(label);
    }

    /** Reports a bad cell; {@code refusal} is a phrase to follow the quoted value. */
    private void report(long position, int column, String text, String refusal) {
        String message = "value " + InputProblem.quote(text) + " " + refusal;
        String location = locationUnit + " " + position;
        problems.add(new InputProblem(source, location, plan.columnLabel(column), text, message));
    }

    private void checkLabelCount() {
        String column = plan.columnLabel(plan.targetIndex(0));
        checkLabelCount(source, column, labels, request.outputWidth(), problems);
    }

    /**
     * Reports a label column whose distinct labels do not number exactly the output width; shared
     * by every reader so that the message reads the same whatever the file format.
     */
    static void checkLabelCount(String source, String column, LabelEncoder labels, int width,
            ProblemCollector problems) {
        int found = labels.distinctCount();
        if (found == width && !labels.isOverLimit()) {
            return;
        }
        String count = labels.isOverLimit() ? "more than " + found : String.valueOf(found);
        String holds = "holds " + count + " distinct labels " + listLabels(labels);
        String message = found < width
                ? holds + " but the output layer has " + width
                        + " neurons, one per class; use an output width of " + found
                : holds + " but the output layer has only " + width + " neurons, one per class";
        problems.add(new InputProblem(source, "", column, null, message));
    }

    private static String listLabels(LabelEncoder labels) {
        List<String> ordered = labels.orderedLabels();
        String listed = ordered.stream()
                .limit(MAX_LABELS_LISTED)
                .map(InputProblem::quote)
                .collect(Collectors.joining(", "));
        return "(" + listed + (ordered.size() > MAX_LABELS_LISTED ? ", ...)" : ")");
    }
}
