package dev.backprop.data;

import dev.backprop.training.ExampleSource;
import dev.backprop.training.Examples;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training rows read again from Parquet every epoch, one row group per block, for data sets
 * larger than the heap ({@code cache=stream}). Memory is bounded by the largest row group's
 * decoded values (and, for a label column, its one-hot targets) plus the compressed pages of one
 * row group.
 *
 * <p>{@link #scan} reads the whole input once before training: it checks every cell exactly as
 * {@link ParquetDatasetReader} does (same messages, same null handling), counts the rows and fixes
 * the class-label order, so later passes cannot fail on content. Blocks come in file order, part
 * by part, row group by row group; they are the rows {@link ParquetDatasetReader} would return, in
 * the same order, so training on them gives the same weights as training in memory when rows are
 * not shuffled. {@link #scaledBy} applies feature scaling to each block as it is read, with the
 * same arithmetic as {@link Scaling#apply}.
 *
 * <p>Not thread-safe: one training thread reads it. An I/O error in a later pass surfaces as an
 * {@link java.io.UncheckedIOException} naming the file.
 */
public final class ParquetExampleSource implements ExampleSource {

    private static final Logger LOG = LoggerFactory.getLogger(ParquetExampleSource.class);

    private final ParquetInput input;
    private final Dataset description;
    private final LabelEncoder labels;
    private final long rows;
    private final Scaling scaling;

    private ParquetExampleSource(ParquetInput input, Dataset description, LabelEncoder labels,
            long rows, Scaling scaling) {
        this.input = input;
        this.description = description;
        this.labels = labels;
        this.rows = rows;
        this.scaling = scaling;
    }

    /**
     * Checks a whole input in one pass, keeping no rows.
     *
     * @throws InputDataException as {@link ParquetDatasetReader#read} would
     * @throws java.io.UncheckedIOException naming the file if it cannot be read
     */
    public static ParquetExampleSource scan(
            StorageLocation location, DatasetRequest request, NullPolicy onNull) {
        ParquetInput input = ParquetInput.open(location, request, onNull);
        ParquetDatasetReader.logIndexColumns(input);
        ParquetSchemaPlan columns = input.columns();
        LabelEncoder labels =
                new LabelEncoder(request.outputWidth() + ExampleBuilder.EXTRA_LABELS_TRACKED);
        ProblemCollector problems = new ProblemCollector();
        int targetWidth = request.isLabelEncoded() ? 1 : columns.targetCount();
        int capacity = Math.toIntExact(input.largestRowGroupRows());
        double[] features = new double[capacity * columns.featureCount()];
        double[] targets = new double[capacity * targetWidth];
        long[] rows = {0};
        long skipped = input.readAll(
                new RowGroupDecoder.TargetEncoding(request.isLabelEncoded(), labels), problems,
                (decoder, pages) -> rows[0] += decoder.decode(pages, features, targets, 0));

        String source = input.source();
        ParquetDatasetReader.checkRows(source, rows[0], skipped, problems);
        if (request.isLabelEncoded() && rows[0] > 0) {
            String column = columns.plan().columnLabel(columns.plan().targetIndex(0));
            ExampleBuilder.checkLabelCount(source, column, labels, request.outputWidth(), problems);
        }
        problems.throwIfAny();
        ParquetDatasetReader.warnSkipped(source, skipped, rows[0]);
        Dataset description = describe(input, labels, skipped);
        LOG.info("Scanned {}: {} rows, {} feature columns {}, {} target columns {}; read again"
                + " each epoch, {} rows per block at most", location, rows[0],
                columns.featureCount(), ColumnList.brief(description.featureNames()),
                description.targetNames().size(), ColumnList.brief(description.targetNames()), capacity);
        return new ParquetExampleSource(input, description, labels, rows[0], null);
    }

    private static Dataset describe(ParquetInput input, LabelEncoder labels, long skipped) {
        DatasetRequest request = input.request();
        ColumnPlan plan = input.columns().plan();
        int featureCount = plan.featureNames().size();
        int targetCount = request.isLabelEncoded() ? request.outputWidth() : plan.targetNames().size();
        Examples none = new Examples(0, featureCount, targetCount, new double[0], new double[0]);
        if (!request.isLabelEncoded()) {
            return new Dataset(input.source(), plan.featureNames(), plan.targetNames(), List.of(),
                    "", none, skipped);
        }
        String labelColumn = plan.targetNames().get(0);
        List<String> classLabels = labels.orderedLabels();
        return new Dataset(input.source(), plan.featureNames(),
                ParquetDatasetReader.labelTargetNames(labelColumn, classLabels), classLabels,
                labelColumn, none, skipped);
    }

    /**
     * The names, labels and skipped-row count of the data, with no rows: its examples are empty.
     */
    public Dataset description() {
        return description;
    }

    /** Returns this source with {@code scaling} applied to every block's features. */
    public ParquetExampleSource scaledBy(Scaling scaling) {
        Objects.requireNonNull(scaling, "scaling");
        return new ParquetExampleSource(input, description, labels, rows, scaling);
    }

    @Override
    public int featureCount() {
        return description.featureNames().size();
    }

    @Override
    public int targetCount() {
        return description.targetNames().size();
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void forEachBlock(BlockConsumer consumer) {
        DatasetRequest request = input.request();
        int featureCount = featureCount();
        int targetWidth = request.isLabelEncoded() ? 1 : targetCount();
        int capacity = Math.toIntExact(input.largestRowGroupRows());
        double[] features = new double[capacity * featureCount];
        double[] targets = new double[capacity * targetWidth];
        BlockArrays arrays = new BlockArrays();
        ProblemCollector problems = new ProblemCollector();
        input.readAll(new RowGroupDecoder.TargetEncoding(request.isLabelEncoded(), labels),
                problems, (decoder, pages) -> {
                    int kept = decoder.decode(pages, features, targets, 0);
                    if (kept > 0) {
                        consumer.accept(arrays.block(kept, features, targets));
                    }
                });
        // The scan found every problem already; a file changed since then is caught here.
        problems.throwIfAny();
    }

    /** Exact-size arrays for a block, reused while consecutive blocks have the same row count. */
    private final class BlockArrays {
        private double[] features = new double[0];
        private double[] targets = new double[0];
        private int rows = -1;

        Examples block(int kept, double[] decodedFeatures, double[] decodedTargets) {
            int featureCount = featureCount();
            if (kept != rows) {
                rows = kept;
                features = new double[kept * featureCount];
                targets = new double[kept * targetCount()];
            }
            System.arraycopy(decodedFeatures, 0, features, 0, features.length);
            if (scaling != null) {
                scaling.applyInPlace(features);
            }
            if (input.request().isLabelEncoded()) {
                labels.oneHotInto(decodedTargets, kept, targets, targetCount());
            } else {
                System.arraycopy(decodedTargets, 0, targets, 0, targets.length);
            }
            return new Examples(kept, featureCount, targetCount(), features, targets);
        }
    }
}
