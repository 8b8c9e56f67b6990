package dev.backprop.data;

import java.io.Closeable;
import java.util.List;

/**
 * The rows of a table file read one at a time, for commands that stream data they do not keep,
 * such as {@code predict} and {@code evaluate}. Open one with {@link RecordSources#open}, which
 * picks the reader by file extension.
 *
 * <p>Cells are addressed by column position in {@link #columns()}. Mutable; belongs to one thread.
 */
public interface RecordSource extends Closeable {

    /** The file as shown in messages. */
    String source();

    /** The column names in file order, trimmed and unique. */
    List<String> columns();

    /**
     * Advances to the next data row.
     *
     * @return false at the end of the file
     * @throws InputDataException if the row is malformed (for CSV: wrong width, bad encoding)
     */
    boolean next();

    /** The current row's cell in column {@code column}, as text trimmed of blanks. */
    String text(int column);

    /**
     * The current row's cell in column {@code column} as a number.
     *
     * @throws InputDataException naming file, location, column and value if it is not a number
     */
    double number(int column);

    /** Where the current row is, for messages: {@code line 12} for CSV, {@code row 11} for Parquet. */
    String location();

    /**
     * Returns the position of a column.
     *
     * @throws InputDataException naming the file and the columns it has if there is none
     */
    default int columnIndex(String name) {
        int index = columns().indexOf(name);
        if (index < 0) {
            throw new InputDataException(List.of(new InputProblem(source(), "", InputProblem.columnLabel(name),
                    null, "no such column; the file has " + columns())));
        }
        return index;
    }

    /** Closes the file; I/O errors are wrapped with the file's name. */
    @Override
    void close();
}
