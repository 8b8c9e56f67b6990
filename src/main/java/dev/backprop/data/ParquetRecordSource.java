package dev.backprop.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The rows of a Parquet file, or of a folder of part files, read one row group at a time, so that
 * memory is bounded by one row group however large the input is. Cells are read as text, as
 * {@link ParquetTable} shows them, and parsed as numbers on demand; a null cell reads as empty and
 * so is refused as a number. Rows are numbered from 1 across the row groups of each part file.
 */
final class ParquetRecordSource implements RecordSource {

    private final StorageLocation location;
    private final List<StorageLocation> parts;
    private final List<Map<String, String>> rowGroup = new ArrayList<>();
    private int nextPart;
    private ParquetFileReader reader;
    private StorageLocation part;
    private MessageType schema;
    private List<String> header;
    private ParquetColumn[] columns;
    private long rowsBeforeGroup;
    private int rowInGroup = -1;

    private ParquetRecordSource(StorageLocation location) {
        this.location = location;
        this.parts = ParquetParts.list(location);
        openNextPart();
    }

    /** Opens a Parquet file or folder of part files; the first part's schema gives the columns. */
    static ParquetRecordSource open(StorageLocation location) {
        return new ParquetRecordSource(location);
    }

    private boolean openNextPart() {
        closeReader();
        if (nextPart == parts.size()) {
            return false;
        }
        part = parts.get(nextPart++);
        try {
            reader = ParquetFileReader.open(part.parquetInput(),
                    ParquetReadOptions.builder(StorageLocation.plainParquetConfiguration()).build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Parquet file " + part, e);
        }
        schema = reader.getFileMetaData().getSchema();
        List<String> partHeader = schema.getFields().stream().map(Type::getName).toList();
        if (header != null && !header.equals(partHeader)) {
            throw new InputDataException(List.of(new InputProblem(part.text(), "", "", null,
                    "has columns " + partHeader + " but the first part file has " + header)));
        }
        header = partHeader;
        columns = ParquetTable.columns(part.text(), schema);
        rowsBeforeGroup = 0;
        rowGroup.clear();
        // Past the end of the (empty) current group, so that next() reads this part's first group.
        rowInGroup = 0;
        return true;
    }

    @Override
    public String source() {
        return parts.size() == 1 ? location.text() : part.text();
    }

    @Override
    public List<String> columns() {
        return header;
    }

    @Override
    public boolean next() {
        rowInGroup++;
        while (rowInGroup >= rowGroup.size()) {
            if (!readNextRowGroup() && !openNextPart()) {
                return false;
            }
        }
        return true;
    }

    private boolean readNextRowGroup() {
        if (reader == null) {
            return false;
        }
        try {
            PageReadStore pages = reader.readNextRowGroup();
            if (pages == null) {
                return false;
            }
            rowsBeforeGroup += rowGroup.size();
            rowGroup.clear();
            rowInGroup = 0;
            ParquetTable.readRowGroup(pages, schema, reader.getFileMetaData().getCreatedBy(), header, columns,
                    rowGroup);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a row group of " + part, e);
        }
    }

    @Override
    public String text(int column) {
        return rowGroup.get(rowInGroup).get(header.get(column));
    }

    @Override
    public double number(int column) {
        String cell = text(column);
        try {
            return NumberGrammar.parse(cell);
        } catch (NumberFormatException e) {
            String message = cell.isEmpty() ? "is null" : e.getMessage();
            throw new InputDataException(List.of(new InputProblem(source(), location(),
                    InputProblem.columnLabel(header.get(column)), cell.isEmpty() ? null : cell, message)));
        }
    }

    @Override
    public String location() {
        return "row " + (rowsBeforeGroup + rowInGroup + 1);
    }

    @Override
    public void close() {
        closeReader();
    }

    private void closeReader() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + part, e);
            } finally {
                reader = null;
            }
        }
    }
}
