package dev.backprop.data;

import dev.backprop.training.Examples;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads training examples from Parquet, a single file or a folder of part files (see
 * {@link ParquetParts}), into dense arrays held in memory.
 *
 * <p>Columns are looked up by name, as in a CSV header, and read column by column through
 * parquet-java's column readers, so plain and dictionary pages, several row groups and empty row
 * groups all read the same way. Column types and their values are described in
 * {@link ParquetColumn}. The whole input is checked before anything is returned, and an
 * {@link InputDataException} lists every problem (up to a cap) with the part file, the 1-based
 * row in that file counted across row groups, and the column; a null cell is one, unless
 * {@link NullPolicy#SKIP} drops its row. An input with no rows is refused with the same message
 * as an empty CSV file.
 *
 * <p>The arrays are sized from the footers' row counts before reading, so the memory held is that
 * of the returned {@link Examples}, plus the one-hot targets while label ids are expanded.
 * Thread-safe: it holds no state.
 */
public final class ParquetDatasetReader {

    private static final Logger LOG = LoggerFactory.getLogger(ParquetDatasetReader.class);

    /** The largest array length every common JVM allows. */
    private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private ParquetDatasetReader() {}

    /** Whether a data location names Parquet: a {@code .parquet} file or a folder of parts. */
    public static boolean isParquet(StorageLocation location) {
        String name = location.text().replaceAll("/+$", "");
        if (name.endsWith(".parquet") || name.endsWith(".parq")) {
            return true;
        }
        return location.isLocal()
                ? java.nio.file.Files.isDirectory(location.localPath())
                : !name.endsWith(".csv") && isRemoteFolder(location);
    }

    private static boolean isRemoteFolder(StorageLocation location) {
        try {
            return location.fileSystem().getFileStatus(location.hadoopPath()).isDirectory();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * Reads and checks a whole input.
     *
     * @param location a Parquet file or a folder of part files
     * @param request the columns to read and the output width to encode targets for
     * @param onNull what to do with rows holding a null cell in a column the request uses
     * @return the data set, with at least one row
     * @throws InputDataException if the input is not usable as requested, including when it holds
     *     no rows (or none without nulls)
     * @throws java.io.UncheckedIOException naming the file if it cannot be read
     * @throws IllegalStateException if the values would not fit in one Java array; use
     *     {@code cache=stream} for such inputs
     */
    public static Dataset read(StorageLocation location, DatasetRequest request, NullPolicy onNull) {
        ParquetInput input = ParquetInput.open(location, request, onNull);
        logIndexColumns(input);
        ParquetSchemaPlan columns = input.columns();
        long declared = input.declaredRows();
        int featureCount = columns.featureCount();
        int targetWidth = request.isLabelEncoded() ? 1 : columns.targetCount();
        checkFits(input, declared, featureCount);

        double[] features = new double[(int) declared * featureCount];
        double[] targets = new double[(int) declared * targetWidth];
        LabelEncoder labels =
                new LabelEncoder(request.outputWidth() + ExampleBuilder.EXTRA_LABELS_TRACKED);
        ProblemCollector problems = new ProblemCollector();
        int[] rows = {0};
        long skipped = input.readAll(
                new RowGroupDecoder.TargetEncoding(request.isLabelEncoded(), labels), problems,
                (decoder, pages) -> rows[0] += decoder.decode(pages, features, targets, rows[0]));

        Dataset dataset = build(input, labels, problems, rows[0], skipped,
                Arrays.copyOf(features, rows[0] * featureCount),
                Arrays.copyOf(targets, rows[0] * targetWidth));
        LOG.info("Read {}: {} rows, {} feature columns {}, {} target columns {}, {} bytes",
                location, rows[0], featureCount, ColumnList.brief(dataset.featureNames()),
                dataset.targetNames().size(), ColumnList.brief(dataset.targetNames()),
                dataset.examples().sizeBytes());
        return dataset;
    }

    /**
     * Returns the bytes the input's values would take decoded into memory, {@code 8 x rows x
     * (features + outputs)}, from the footers alone.
     *
     * @throws InputDataException if the input does not have the requested columns
     */
    public static long decodedSizeBytes(StorageLocation location, DatasetRequest request) {
        ParquetInput input = ParquetInput.open(location, request, NullPolicy.FAIL);
        int width = input.columns().featureCount() + request.outputWidth();
        return 8L * input.declaredRows() * width;
    }

    /** Logs the pandas index columns that were not taken as features. */
    static void logIndexColumns(ParquetInput input) {
        if (!input.indexColumnsSkipped().isEmpty()) {
            LOG.info("{}: pandas index column(s) {} are not features; name them in features to"
                    + " train on them", input.source(), input.indexColumnsSkipped());
        }
    }

    private static void checkFits(ParquetInput input, long rows, int featureCount) {
        if (rows * Math.max(featureCount, input.request().outputWidth()) > MAX_ARRAY_LENGTH) {
            throw new IllegalStateException(input.location() + " holds " + rows + " rows of "
                    + featureCount + " features, more than one Java array holds; use cache=stream");
        }
    }

    private static Dataset build(ParquetInput input, LabelEncoder labels,
            ProblemCollector problems, int rows, long skipped, double[] features,
            double[] targets) {
        DatasetRequest request = input.request();
        ParquetSchemaPlan columns = input.columns();
        String source = input.source();
        checkRows(source, rows, skipped, problems);
        if (request.isLabelEncoded() && rows > 0) {
            String column = columns.plan().columnLabel(columns.plan().targetIndex(0));
            ExampleBuilder.checkLabelCount(source, column, labels, request.outputWidth(), problems);
        }
        problems.throwIfAny();
        warnSkipped(source, skipped, rows);

        List<String> featureNames = columns.plan().featureNames();
        if (!request.isLabelEncoded()) {
            Examples examples = new Examples(
                    rows, featureNames.size(), columns.targetCount(), features, targets);
            return new Dataset(source, featureNames, columns.plan().targetNames(), List.of(), "",
                    examples, skipped);
        }
        String labelColumn = columns.plan().targetNames().get(0);
        List<String> classLabels = labels.orderedLabels();
        int width = request.outputWidth();
        Examples examples = new Examples(rows, featureNames.size(), width, features,
                labels.oneHot(targets, width));
        return new Dataset(source, featureNames, labelTargetNames(labelColumn, classLabels),
                classLabels, labelColumn, examples, skipped);
    }

    /** Reports an input left without rows, saying whether nulls emptied it. */
    static void checkRows(String source, long rows, long skipped, ProblemCollector problems) {
        if (rows == 0 && problems.isEmpty()) {
            String why = skipped == 0 ? "" : ": all " + skipped + " rows hold a null cell and"
                    + " on_null=skip left them out";
            problems.add(new InputProblem(source, "", "", null, ExampleBuilder.NO_ROWS + why));
        }
    }

    /** Logs the one WARN line for rows dropped by {@code on_null=skip}. */
    static void warnSkipped(String source, long skipped, long rows) {
        if (skipped > 0) {
            LOG.warn("{}: skipped {} row(s) with a null cell (on_null=skip); training on the {}"
                    + " other rows; rows_skipped in summary.json counts them", source, skipped,
                    rows);
        }
    }

    static List<String> labelTargetNames(String labelColumn, List<String> classLabels) {
        return classLabels.stream().map(label -> labelColumn + "=" + label).toList();
    }
}
