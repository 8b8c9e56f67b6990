package dev.backprop.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.schema.MessageType;

/**
 * One Parquet training input, a file or a folder of part files, with the footers of all its parts
 * read and every part's schema checked against the request before any data is read.
 *
 * <p>Rows are numbered from 1 in each part file, across its row groups, in file order; messages
 * name the part file, so a folder input points to the file to open. Row groups without rows are
 * skipped. Immutable once built; {@link #readAll} may be called again for every epoch.
 */
final class ParquetInput {

    private final StorageLocation location;
    private final DatasetRequest request;
    private final NullPolicy onNull;
    private final List<Part> parts;

    /** One part file with its footer and the columns it is read by. */
    private record Part(StorageLocation file, FileMetaData metadata, ParquetSchemaPlan columns,
            long rows, long largestRowGroupRows) {}

    /** Receives each row group; {@code pages} may only be decoded during the call. */
    @FunctionalInterface
    interface RowGroupSink {
        void accept(RowGroupDecoder decoder, PageReadStore pages);
    }

    private ParquetInput(StorageLocation location, DatasetRequest request, NullPolicy onNull,
            List<Part> parts) {
        this.location = location;
        this.request = request;
        this.onNull = onNull;
        this.parts = parts;
    }

    /**
     * Lists the parts and reads their footers.
     *
     * @throws InputDataException if a part lacks a requested column or has one of an unusable type
     * @throws UncheckedIOException naming the file if a footer cannot be read
     */
    static ParquetInput open(StorageLocation location, DatasetRequest request, NullPolicy onNull) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(onNull, "onNull");
        List<Part> parts = new ArrayList<>();
        for (StorageLocation file : ParquetParts.list(location)) {
            parts.add(readFooter(file, request));
        }
        return new ParquetInput(location, request, onNull, parts);
    }

    private static Part readFooter(StorageLocation file, DatasetRequest request) {
        try (ParquetFileReader reader = openReader(file)) {
            FileMetaData metadata = reader.getFileMetaData();
            ParquetSchemaPlan columns = ParquetSchemaPlan.resolve(file.text(),
                    metadata.getSchema(), metadata.getKeyValueMetaData(), request);
            long largest = reader.getRowGroups().stream()
                    .mapToLong(BlockMetaData::getRowCount).max().orElse(0);
            return new Part(file, metadata, columns, reader.getRecordCount(), largest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Parquet file " + file, e);
        }
    }

    private static ParquetFileReader openReader(StorageLocation file) throws IOException {
        ParquetReadOptions options =
                ParquetReadOptions.builder(StorageLocation.plainParquetConfiguration()).build();
        return ParquetFileReader.open(file.parquetInput(), options);
    }

    /** The input as the user named it. */
    StorageLocation location() {
        return location;
    }

    DatasetRequest request() {
        return request;
    }

    /** The columns of the first part; every part resolves the same names. */
    ParquetSchemaPlan columns() {
        return parts.get(0).columns();
    }

    /** Rows in all parts, as their footers declare, nulls included. */
    long declaredRows() {
        return parts.stream().mapToLong(Part::rows).sum();
    }

    /** Rows of the largest row group in any part. */
    long largestRowGroupRows() {
        return parts.stream().mapToLong(Part::largestRowGroupRows).max().orElse(0);
    }

    /** The file to name when the input as a whole is at fault: the file, or the folder. */
    String source() {
        return parts.size() == 1 ? parts.get(0).file().text() : location.text();
    }

    /** Index columns the first part left out of its default features. */
    List<String> indexColumnsSkipped() {
        return columns().indexColumnsSkipped();
    }

    /**
     * Reads every non-empty row group of every part, in order, reporting bad cells to
     * {@code problems}.
     *
     * @return the rows skipped for null cells
     * @throws InputDataException if a part's columns differ from the first part's
     * @throws UncheckedIOException naming the file if a row group cannot be read
     */
    long readAll(RowGroupDecoder.TargetEncoding encoding, ProblemCollector problems,
            RowGroupSink sink) {
        long skipped = 0;
        for (Part part : parts) {
            checkSameColumns(part);
            MessageType schema = part.metadata().getSchema();
            RowGroupDecoder decoder = new RowGroupDecoder(part.file().text(), schema,
                    part.metadata().getCreatedBy(), part.columns(), encoding, onNull, problems);
            try (ParquetFileReader reader = openReader(part.file())) {
                for (PageReadStore pages = reader.readNextRowGroup(); pages != null;
                        pages = reader.readNextRowGroup()) {
                    if (pages.getRowCount() > 0) {
                        sink.accept(decoder, pages);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Parquet file " + part.file(), e);
            }
            skipped += decoder.rowsSkipped();
        }
        return skipped;
    }

    private void checkSameColumns(Part part) {
        ColumnPlan first = columns().plan();
        ColumnPlan own = part.columns().plan();
        if (!own.featureNames().equals(first.featureNames())
                || !own.targetNames().equals(first.targetNames())) {
            throw new InputDataException(List.of(new InputProblem(part.file().text(), "", "", null,
                    "has feature columns " + own.featureNames() + " and targets "
                            + own.targetNames() + " where the first part file has "
                            + first.featureNames() + " and " + first.targetNames()
                            + "; every part file of a folder needs the same columns")));
        }
    }
}
