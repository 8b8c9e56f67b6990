package dev.backprop.output;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A weights file that cannot be turned into the parameters of the expected architecture: a
 * missing, duplicate or out-of-range weight, a value that is not a finite number, or a file that
 * is not a weights table at all.
 *
 * <p>Carries where the problem is so that a user can find it in the file: the file, a location
 * ({@code line 14} of a CSV file counting the header as line 1, {@code row 13} of a Parquet file
 * counting from 1, or {@code whole file} for a weight that is absent), and, when one row is at
 * fault, the column and the text found there. The message holds all of these and the shape the
 * architecture expects.
 */
public final class WeightsFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The location of a problem that belongs to no single line or row. */
    static final String WHOLE_FILE = "whole file";

    /** Path of the file (not serialized with the exception). */
    private final transient Path file;
    private final String location;
    private final String column;
    private final String value;

    /**
     * Creates an exception for one offending value.
     *
     * @param file the weights file
     * @param location {@code line N}, {@code row N} or {@code whole file}
     * @param column the column at fault, or null when no single column is
     * @param value the text found in that column, or null when there is none
     * @param problem what is wrong and what was expected
     */
    WeightsFileException(Path file, String location, String column, String value, String problem) {
        super(message(file, location, column, value, problem));
        this.file = Objects.requireNonNull(file, "file");
        this.location = Objects.requireNonNull(location, "location");
        this.column = column;
        this.value = value;
    }

    private static String message(Path file, String location, String column, String value, String problem) {
        StringBuilder message = new StringBuilder().append(file).append(": ").append(location);
        if (column != null) {
            message.append(", column ").append(column);
        }
        if (value != null) {
            message.append(", value '").append(value).append('\'');
        }
        return message.append(": ").append(problem).toString();
    }

    /** Returns the weights file the problem was found in. */
    public Path file() {
        return file;
    }

    /** Returns {@code line N} (CSV), {@code row N} (Parquet) or {@code whole file}. */
    public String location() {
        return location;
    }

    /** Returns the column at fault, if the problem lies in one. */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }

    /** Returns the offending text of that column, if there is one. */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }
}
