package dev.backprop.data;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the columns a {@link DatasetRequest} asks for sit in one file's header. Built once per
 * file, before its rows are read, so that a missing column is reported without reading data.
 */
final class ColumnPlan {

    /** Column names listed in a "not in the header" message, to keep it to a few lines. */
    private static final int MAX_NAMES_LISTED = 50;

    private final List<String> header;
    private final List<String> featureNames;
    private final int[] featureIndices;
    private final List<String> targetNames;
    private final int[] targetIndices;

    private ColumnPlan(List<String> header, List<String> featureNames, List<String> targetNames) {
        this.header = header;
        this.featureNames = featureNames;
        this.targetNames = targetNames;
        this.featureIndices = featureNames.stream().mapToInt(header::indexOf).toArray();
        this.targetIndices = targetNames.stream().mapToInt(header::indexOf).toArray();
    }

    /**
     * Finds the requested columns in a header of unique names.
     *
     * @param source the file as shown in messages
     * @param headerLocation where the header is, such as {@code "line 1"}, or ""
     * @throws InputDataException listing every requested column the header lacks, or saying
     *     that no column is left for features
     */
    static ColumnPlan resolve(
            String source, String headerLocation, List<String> header, DatasetRequest request,
            ProblemCollector problems) {
        List<String> features = request.featureColumns();
        if (features.isEmpty()) {
            features = header.stream()
                    .filter(name -> !request.targetColumns().contains(name))
                    .toList();
        }
        List<String> targets = request.targetColumns();
        reportMissing(source, headerLocation, header, "features", features, problems);
        reportMissing(source, headerLocation, header, "targets", targets, problems);
        if (features.isEmpty() && problems.isEmpty()) {
            problems.add(new InputProblem(source, headerLocation, "", null,
                    "has no feature columns: every column is a target"));
        }
        problems.throwIfAny();
        return new ColumnPlan(header, features, request.targetColumns());
    }

    private static void reportMissing(
            String source, String headerLocation, List<String> header, String key,
            List<String> names, ProblemCollector problems) {
        List<String> missing = new ArrayList<>(names);
        missing.removeAll(header);
        for (String name : missing) {
            String message = "is not in the header (it is listed in " + key + "); the columns are "
                    + listNames(header);
            problems.add(new InputProblem(
                    source, headerLocation, InputProblem.columnLabel(name), null, message));
        }
    }

    private static String listNames(List<String> header) {
        String listed = header.stream()
                .limit(MAX_NAMES_LISTED)
                .map(InputProblem::columnLabel)
                .collect(Collectors.joining(", "));
        int more = header.size() - MAX_NAMES_LISTED;
        return more > 0 ? listed + " and " + more + " more" : listed;
    }

    List<String> featureNames() {
        return featureNames;
    }

    List<String> targetNames() {
        return targetNames;
    }

    /** Header position (0-based) of each feature, in input order. */
    int featureIndex(int feature) {
        return featureIndices[feature];
    }

    /** Header position (0-based) of each target column, in output order. */
    int targetIndex(int target) {
        return targetIndices[target];
    }

    /** How the column at a 0-based header position is shown in messages. */
    String columnLabel(int index) {
        return InputProblem.columnLabel(header.get(index));
    }
}
