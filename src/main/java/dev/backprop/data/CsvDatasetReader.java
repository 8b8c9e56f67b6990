package dev.backprop.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads training examples from a comma-separated UTF-8 file with a header line.
 *
 * <p>The file format follows RFC 4180 with the tolerances and checks of {@link CsvRecords}: a
 * leading byte order mark, CRLF line ends, quoted fields, padded header names, blank lines and an
 * empty trailing column are accepted; a {@code sep=} line, another delimiter, duplicate or missing
 * columns and rows of the wrong width are refused. Every feature cell and every numeric target
 * cell must be a number in the {@link NumberGrammar}; columns the request does not use are not
 * checked. The whole file is checked before anything is returned, and an
 * {@link InputDataException} lists all problems found (up to a cap), each with the file, the
 * physical line, the column and the raw value.
 *
 * <p>Values are streamed into primitive arrays; the memory held is that of the returned
 * {@link dev.backprop.training.Examples}, plus up to the same again while the arrays are trimmed.
 * Thread-safe: it holds no state.
 */
public final class CsvDatasetReader {

    private static final Logger LOG = LoggerFactory.getLogger(CsvDatasetReader.class);

    private CsvDatasetReader() {}

    /**
     * Reads and checks a whole file.
     *
     * @param file the CSV file
     * @param request the columns to read and the output width to encode targets for
     * @return the data set, with at least one row
     * @throws InputDataException if the file is not usable as requested, including when it holds
     *     no data rows
     * @throws UncheckedIOException if the file cannot be read, with the path in the message
     */
    public static Dataset read(Path file, DatasetRequest request) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(request, "request");
        ProblemCollector problems = new ProblemCollector();
        try (CsvRecords records = CsvRecords.open(file, problems)) {
            Dataset dataset = readRecords(records, request, problems);
            LOG.info("Read {}: {} rows, {} feature columns {}, {} target columns {}, {} bytes",
                    dataset.source(), dataset.examples().rows(), dataset.featureNames().size(),
                    ColumnList.brief(dataset.featureNames()), dataset.targetNames().size(),
                    ColumnList.brief(dataset.targetNames()),
                    dataset.examples().sizeBytes());
            return dataset;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Dataset readRecords(
            CsvRecords records, DatasetRequest request, ProblemCollector problems) {
        if (records.header().isEmpty()) {
            problems.fail(new InputProblem(records.source(), "", "", null,
                    "holds no training examples (0 rows): the file is empty"), null);
        }
        String headerLocation = "line " + records.headerLine();
        ColumnPlan plan = ColumnPlan.resolve(
                records.source(), headerLocation, records.header(), request, problems);
        ExampleBuilder builder =
                new ExampleBuilder(records.source(), "line", plan, request, problems);
        for (CSVRecord record = records.next(); record != null; record = records.next()) {
            builder.addRow(record::get, records.recordLine());
        }
        return builder.build();
    }
}
