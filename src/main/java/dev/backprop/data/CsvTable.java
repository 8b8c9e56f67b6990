package dev.backprop.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVRecord;

/**
 * A small comma-separated table of text cells, such as a hyperparameters table, read whole into
 * memory with the same rules as training data: see {@link CsvRecords} for the accepted format
 * (byte order mark, CRLF, quoting, blank lines, padded and duplicate header names, rows of the
 * wrong width). Cells are kept as text, trimmed of surrounding spaces and tabs; interpreting them
 * is up to the caller. Immutable and thread-safe once read.
 */
public final class CsvTable {

    private final String source;
    private final List<String> header;
    private final List<Row> rows;

    CsvTable(String source, List<String> header, List<Row> rows) {
        this.source = source;
        this.header = header;
        this.rows = List.copyOf(rows);
    }

    /**
     * Reads a whole table.
     *
     * @param file the CSV file; it must have a header line and may have no rows
     * @return the table
     * @throws InputDataException listing every problem if the file is empty, has an unusable
     *     header or holds rows of the wrong width
     * @throws UncheckedIOException if the file cannot be read, with the path in the message
     */
    public static CsvTable read(Path file) {
        Objects.requireNonNull(file, "file");
        ProblemCollector problems = new ProblemCollector();
        try (CsvRecords records = CsvRecords.open(file, problems)) {
            if (records.header().isEmpty()) {
                problems.fail(new InputProblem(records.source(), "", "", null,
                        "is empty: it has no header line"), null);
            }
            List<Row> rows = new ArrayList<>();
            for (CSVRecord record = records.next(); record != null; record = records.next()) {
                Map<String, String> cells = cellsByName(record, records.header());
                rows.add(new Row(records.source(), records.recordLine(), cells));
            }
            problems.throwIfAny();
            return new CsvTable(records.source(), records.header(), rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Map<String, String> cellsByName(CSVRecord record, List<String> header) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            cells.put(header.get(i), NumberGrammar.stripBlanks(record.get(i)));
        }
        return Collections.unmodifiableMap(cells);
    }

    /** Returns the file as shown in messages, for reporting problems with cell values. */
    public String source() {
        return source;
    }

    /** Returns the column names, trimmed, unique and in file order. */
    public List<String> header() {
        return header;
    }

    /** Returns the data rows in file order, without blank lines; possibly none. */
    public List<Row> rows() {
        return rows;
    }

    /** Whether the header has a column of this exact name. */
    public boolean hasColumn(String column) {
        return header.contains(column);
    }

    /** One data row of the table. Immutable. */
    public static final class Row {

        private final String source;
        private final long lineNumber;
        private final Map<String, String> cellsByName;

        Row(String source, long lineNumber, Map<String, String> cellsByName) {
            this.source = source;
            this.lineNumber = lineNumber;
            this.cellsByName = cellsByName;
        }

        /**
         * Returns the 1-based physical line the row starts on (the header is line 1); for a table
         * read from Parquet, the 1-based row number.
         */
        public long lineNumber() {
            return lineNumber;
        }

        /**
         * Returns a cell's text.
         *
         * @param column a column name from the header, compared exactly
         * @return the cell, trimmed of surrounding spaces and tabs; possibly empty
         * @throws IllegalArgumentException if the header has no such column
         */
        public String get(String column) {
            String cell = cellsByName.get(column);
            if (cell == null) {
                throw new IllegalArgumentException(source + ": no column '" + column
                        + "'; the columns are " + cellsByName.keySet());
            }
            return cell;
        }
    }
}
