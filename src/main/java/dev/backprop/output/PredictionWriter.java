package dev.backprop.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes one row per predicted example: the row number or id, one column per network output and,
 * for classification, the predicted label and its probability. CSV or Parquet by the file's
 * extension; CSV on a stream (standard output) when no file is given.
 *
 * <p>Columns, in order: the id column ({@code row}, INT64, the 0-based data row, or the data's id
 * column, STRING), the outputs (DOUBLE, names from {@link Columns#outputs}), then
 * {@code predicted_label} (STRING) and {@code probability} (DOUBLE) for classification. Not
 * thread-safe; close it to complete the file.
 */
public interface PredictionWriter extends AutoCloseable {

    /**
     * The columns of a predictions table.
     *
     * @param id name of the first column: {@code row} for row numbers, or the data's id column
     * @param isRowNumber whether the id column holds row numbers (INT64) rather than text
     * @param outputs one column name per network output, already safe snake_case
     * @param isClassification whether {@code predicted_label} and {@code probability} follow
     */
    record Columns(String id, boolean isRowNumber, List<String> outputs, boolean isClassification) {

        /** Copies the list and rejects nulls. */
        public Columns {
            Objects.requireNonNull(id, "id");
            outputs = List.copyOf(outputs);
        }
    }

    /**
     * Appends one prediction.
     *
     * @param id the row number (as text) or the id cell
     * @param outputs the network's outputs, one per output column
     * @param predictedLabel the label of the largest output; ignored for regression
     * @param probability the largest output; ignored for regression
     */
    void write(String id, double[] outputs, String predictedLabel, double probability);

    /** Rows written so far. */
    long rowCount();

    /**
     * Finishes the file (or flushes the stream, which stays open).
     *
     * @throws UncheckedIOException naming the file if it cannot be written
     */
    @Override
    void close();

    /**
     * Opens a writer.
     *
     * @param file a {@code .csv} or {@code .parquet} file to create or replace, or empty for CSV
     *     on {@code stream}
     * @param stream where CSV goes when no file is given; not closed by the writer
     * @throws IllegalArgumentException if the file's extension is neither .csv nor .parquet
     * @throws UncheckedIOException naming the file if it cannot be created
     */
    static PredictionWriter open(Optional<Path> file, OutputStream stream, Columns columns) {
        Objects.requireNonNull(columns, "columns");
        try {
            if (file.isEmpty()) {
                return CsvPredictionWriter.onStream(stream, columns);
            }
            String name = file.get().getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return CsvPredictionWriter.toFile(file.get(), columns);
            }
            if (name.endsWith(".parquet")) {
                return ParquetPredictionWriter.open(file.get(), columns);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.orElse(Path.of("-")), e);
        }
        throw new IllegalArgumentException("--output " + file.get() + " must end in .csv or .parquet");
    }
}
