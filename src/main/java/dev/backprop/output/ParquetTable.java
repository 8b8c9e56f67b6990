package dev.backprop.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Reads a flat Parquet file (such as the job's weights or error log) as rows of text, for
 * showing to a person; null cells read as an empty string. Meant for small files and filtered
 * views: every selected row is held in memory.
 */
public final class ParquetTable {

    private ParquetTable() {}

    /** A file's column names and the selected rows, each cell as text. */
    public record Rows(List<String> columns, List<List<String>> rows) {}

    /**
     * Reads the rows of {@code file} that {@code filter} accepts, at most {@code limit} of them.
     *
     * @param filter sees each row's cells, in column order
     * @throws UncheckedIOException naming the file if it cannot be read
     */
    public static Rows read(Path file, Predicate<List<String>> filter, long limit) {
        try (ParquetFileReader reader = ParquetFiles.openReader(file)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<String> columns = new ArrayList<>();
            schema.getFields().forEach(field -> columns.add(field.getName()));

            List<List<String>> rows = new ArrayList<>();
            PageReadStore rowGroup;
            while (rows.size() < limit && (rowGroup = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(rowGroup, new GroupRecordConverter(schema));
                for (long i = 0; i < rowGroup.getRowCount() && rows.size() < limit; i++) {
                    List<String> cells = cellsOf(records.read(), columns.size());
                    if (filter.test(cells)) {
                        rows.add(cells);
                    }
                }
            }
            return new Rows(columns, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> cellsOf(Group record, int columnCount) {
        List<String> cells = new ArrayList<>(columnCount);
        for (int c = 0; c < columnCount; c++) {
            cells.add(record.getFieldRepetitionCount(c) == 0 ? "" : record.getValueToString(c, 0));
        }
        return cells;
    }
}
