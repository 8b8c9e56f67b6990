package dev.backprop.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Which columns of one Parquet file a run reads and how: the {@link ColumnPlan} of the request
 * against the file's top-level fields, and a {@link ParquetColumn} for every feature and target.
 *
 * <p>A pandas row index stored as a column is not a feature by default: a column is an index
 * column when the file's {@code pandas} metadata lists it in {@code index_columns} or, without
 * that metadata, when its name is {@code __index_level_N__}. Naming it in the request uses it.
 */
final class ParquetSchemaPlan {

    /** The key under which pandas and pyarrow store the frame's description. */
    static final String PANDAS_METADATA_KEY = "pandas";

    private static final Pattern PANDAS_INDEX_NAME = Pattern.compile("__index_level_\\d+__");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ColumnPlan plan;
    private final ParquetColumn[] features;
    private final ParquetColumn[] targets;
    private final List<String> indexColumnsSkipped;

    private ParquetSchemaPlan(ColumnPlan plan, ParquetColumn[] features, ParquetColumn[] targets,
            List<String> indexColumnsSkipped) {
        this.plan = plan;
        this.features = features;
        this.targets = targets;
        this.indexColumnsSkipped = indexColumnsSkipped;
    }

    /**
     * Resolves the request against one file's schema.
     *
     * @throws InputDataException listing every requested column the file lacks, or whose type
     *     cannot be read
     */
    static ParquetSchemaPlan resolve(String source, MessageType schema,
            Map<String, String> keyValueMetadata, DatasetRequest request) {
        List<String> header = schema.getFields().stream().map(Type::getName).toList();
        List<String> indexColumns = indexColumns(header, keyValueMetadata);
        DatasetRequest effective = request;
        List<String> skipped = request.featureColumns().isEmpty()
                ? indexColumns.stream()
                        .filter(name -> !request.targetColumns().contains(name))
                        .toList()
                : List.of();
        if (request.featureColumns().isEmpty()) {
            List<String> features = header.stream()
                    .filter(name -> !request.targetColumns().contains(name))
                    .filter(name -> !skipped.contains(name))
                    .toList();
            if (!features.isEmpty()) {
                effective = new DatasetRequest(
                        features, request.targetColumns(), request.outputWidth());
            }
        }

        ProblemCollector problems = new ProblemCollector();
        ColumnPlan plan = ColumnPlan.resolve(source, "", header, effective, problems);
        ParquetColumn[] features = columns(source, schema, plan, plan.featureNames(), problems);
        ParquetColumn[] targets = columns(source, schema, plan, plan.targetNames(), problems);
        problems.throwIfAny();
        return new ParquetSchemaPlan(plan, features, targets, skipped);
    }

    private static ParquetColumn[] columns(String source, MessageType schema, ColumnPlan plan,
            List<String> names, ProblemCollector problems) {
        ParquetColumn[] columns = new ParquetColumn[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Type field = schema.getType(name);
            ColumnDescriptor descriptor = field.isPrimitive()
                    ? schema.getColumnDescription(new String[] {name})
                    : null;
            String[] refusal = new String[1];
            Optional<ParquetColumn> column = ParquetColumn.of(field, descriptor, refusal);
            if (column.isEmpty()) {
                problems.add(new InputProblem(
                        source, "", InputProblem.columnLabel(name), null, refusal[0]));
            } else {
                columns[i] = column.get();
            }
        }
        return columns;
    }

    /** The pandas index columns among {@code header}, from the metadata or by name. */
    static List<String> indexColumns(List<String> header, Map<String, String> keyValueMetadata) {
        String pandas = keyValueMetadata.get(PANDAS_METADATA_KEY);
        Set<String> listed = new LinkedHashSet<>();
        if (pandas != null) {
            try {
                // Entries are column names, or objects describing a RangeIndex kept as metadata.
                for (JsonNode entry : JSON.readTree(pandas).path("index_columns")) {
                    if (entry.isTextual()) {
                        listed.add(entry.asText());
                    }
                }
                return header.stream().filter(listed::contains).toList();
            } catch (IOException e) {
                // Unreadable pandas metadata: fall back to the naming convention below.
            }
        }
        List<String> byName = new ArrayList<>();
        header.stream().filter(name -> PANDAS_INDEX_NAME.matcher(name).matches()).forEach(byName::add);
        return byName;
    }

    ColumnPlan plan() {
        return plan;
    }

    ParquetColumn feature(int feature) {
        return features[feature];
    }

    ParquetColumn target(int target) {
        return targets[target];
    }

    int featureCount() {
        return features.length;
    }

    int targetCount() {
        return targets.length;
    }

    /** The index columns left out of the default feature list. */
    List<String> indexColumnsSkipped() {
        return indexColumnsSkipped;
    }
}
