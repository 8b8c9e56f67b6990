package dev.backprop.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads a small Parquet file, such as a hyperparameters table, as a table of text cells: a column
 * of numbers, booleans, decimals or strings gives each cell's text as {@link ParquetColumn#text}
 * shows it, and a null cell is empty, as an empty CSV cell is. Rows are numbered from 1.
 */
public final class ParquetTable {

    private ParquetTable() {}

    /**
     * Reads the whole table into memory.
     *
     * @throws InputDataException if a column is nested or of a type without a text form
     * @throws UncheckedIOException naming the file if it cannot be read
     */
    public static CsvTable read(StorageLocation file) {
        ParquetReadOptions options =
                ParquetReadOptions.builder(StorageLocation.plainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(file.parquetInput(), options)) {
            FileMetaData metadata = reader.getFileMetaData();
            MessageType schema = metadata.getSchema();
            List<String> header = schema.getFields().stream().map(Type::getName).toList();
            ParquetColumn[] columns = columns(file.text(), schema);
            List<Map<String, String>> cells = new ArrayList<>();
            for (PageReadStore pages = reader.readNextRowGroup(); pages != null;
                    pages = reader.readNextRowGroup()) {
                readRowGroup(pages, schema, metadata.getCreatedBy(), header, columns, cells);
            }
            List<CsvTable.Row> rows = new ArrayList<>();
            for (int row = 0; row < cells.size(); row++) {
                rows.add(new CsvTable.Row(file.text(), row + 1, cells.get(row)));
            }
            return new CsvTable(file.text(), header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Parquet file " + file, e);
        }
    }

    /** The text readers of a schema's columns; refuses nested columns and types without text. */
    static ParquetColumn[] columns(String source, MessageType schema) {
        ProblemCollector problems = new ProblemCollector();
        List<Type> fields = schema.getFields();
        ParquetColumn[] columns = new ParquetColumn[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            Type field = fields.get(i);
            String[] refusal = new String[1];
            Optional<ParquetColumn> column = ParquetColumn.of(field, field.isPrimitive()
                    ? schema.getColumnDescription(new String[] {field.getName()})
                    : null, refusal);
            if (column.isEmpty()) {
                problems.add(new InputProblem(source, "", InputProblem.columnLabel(field.getName()),
                        null, refusal[0]));
            } else {
                columns[i] = column.get();
            }
        }
        problems.throwIfAny();
        return columns;
    }

    /** Appends one row group's rows to {@code cells}, each as a map from column name to text. */
    static void readRowGroup(PageReadStore pages, MessageType schema, String createdBy,
            List<String> header, ParquetColumn[] columns, List<Map<String, String>> cells) {
        int first = cells.size();
        int rows = Math.toIntExact(pages.getRowCount());
        for (int row = 0; row < rows; row++) {
            cells.add(new LinkedHashMap<>());
        }
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(
                pages, new GroupRecordConverter(schema).getRootConverter(), schema, createdBy);
        for (int i = 0; i < columns.length; i++) {
            ColumnReader reader = store.getColumnReader(columns[i].descriptor());
            for (int row = 0; row < rows; row++) {
                String text = columns[i].isNull(reader) ? "" : columns[i].text(reader);
                cells.get(first + row).put(header.get(i), NumberGrammar.stripBlanks(text));
                reader.consume();
            }
        }
    }
}
