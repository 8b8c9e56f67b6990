package dev.backprop.data;

import java.util.Objects;

/**
 * One thing wrong with an input file, located precisely enough for a user to find it in an
 * editor.
 *
 * <p>{@link #describe()} renders the problem as one line, for example
 * {@code train.csv: line 3, column 'x2': value "" is not a number}.
 *
 * @param file the file as shown to the user, usually its path
 * @param location where in the file: {@code "line 3"} for CSV (the 1-based physical line, where the
 *     header is line 1 and blank lines count), {@code "row 4"} for Parquet, or {@code ""} when the
 *     problem concerns the whole file
 * @param column the column as shown to the user (see {@link #columnLabel(String, int...)}), or
 *     {@code ""} when no single column is at fault
 * @param value the raw text found in the file, or {@code null} when no value is at fault
 * @param message what is wrong, as a phrase that already shows the quoted value where it helps
 */
public record InputProblem(
        String file, String location, String column, String value, String message) {

    /** Rejects null parts other than {@code value}. */
    public InputProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Returns the problem as one human-readable line: file, location, column and message.
     *
     * @return a line such as {@code train.csv: line 3, column 'x2': value "" is not a number}
     */
    public String describe() {
        StringBuilder line = new StringBuilder(file);
        String separator = ": ";
        if (!location.isEmpty()) {
            line.append(separator).append(location);
            separator = ", ";
        }
        if (!column.isEmpty()) {
            line.append(separator).append("column ").append(column);
        }
        return line.append(": ").append(message).toString();
    }

    /** Returns {@link #describe()}. */
    @Override
    public String toString() {
        return describe();
    }

    /**
     * Returns how a column is shown in messages: its name in single quotes, followed by its 1-based
     * positions when the name alone does not identify it. Pass positions only when the name is
     * empty or appears more than once.
     *
     * @param name the column name as found in the header, after trimming
     * @param positions the column's 1-based positions, or none
     * @return for example {@code 'x2'}, {@code '' (position 4)} or {@code 'x2' (positions 2 and 3)}
     */
    public static String columnLabel(String name, int... positions) {
        String label = "'" + escape(name) + "'";
        if (positions.length == 0) {
            return label;
        }
        if (positions.length == 1) {
            return label + " (position " + positions[0] + ")";
        }
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < positions.length; i++) {
            String separator = i == 0 ? "" : i == positions.length - 1 ? " and " : ", ";
            list.append(separator).append(positions[i]);
        }
        return label + " (positions " + list + ")";
    }

    /**
     * Returns raw text in double quotes, so that an empty value shows as {@code ""}. Quotes,
     * backslashes, control characters and the byte order mark U+FEFF are escaped so that they
     * stay visible.
     *
     * @param text the raw text
     * @return the quoted text
     */
    public static String quote(String text) {
        return "\"" + escape(text) + "\"";
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\t' -> escaped.append("\\t");
                case '\r' -> escaped.append("\\r");
                case '\n' -> escaped.append("\\n");
                default -> appendVisible(escaped, c);
            }
        }
        return escaped.toString();
    }

    private static void appendVisible(StringBuilder escaped, char c) {
        if (Character.isISOControl(c) || c == '\uFEFF') {
            escaped.append(String.format("\\u%04X", (int) c));
        } else {
            escaped.append(c);
        }
    }
}
