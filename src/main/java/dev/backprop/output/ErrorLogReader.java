package dev.backprop.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/** Reads back an {@code error_log.parquet} written by {@link ErrorLogWriter}, for charts. */
public final class ErrorLogReader {

    /**
     * One row of the error log.
     *
     * @param epoch the 1-based epoch
     * @param step updates so far
     * @param meanError the row's error per sample
     * @param validationError the validation error summed over the held-out rows, NaN when null
     */
    public record Row(int epoch, long step, double meanError, double validationError) {}

    private ErrorLogReader() {}

    /**
     * Reads every row, in file order.
     *
     * @throws UncheckedIOException naming the file if it cannot be read
     * @throws IllegalArgumentException naming the file if a column of the error log is missing
     */
    public static List<Row> read(Path file) {
        List<Row> rows = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFiles.openReader(file)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            for (String column : List.of("epoch", "step", "mean_error", "validation_error")) {
                if (!schema.containsField(column)) {
                    throw new IllegalArgumentException(file + " has no column " + column + "; is it an error log?");
                }
            }
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(rowGroup, new GroupRecordConverter(schema));
                for (long i = 0; i < rowGroup.getRowCount(); i++) {
                    Group record = records.read();
                    double validation = record.getFieldRepetitionCount("validation_error") == 0
                            ? Double.NaN
                            : record.getDouble("validation_error", 0);
                    rows.add(new Row(record.getInteger("epoch", 0), record.getLong("step", 0),
                            record.getDouble("mean_error", 0), validation));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read error log " + file, e);
        }
        return rows;
    }
}
