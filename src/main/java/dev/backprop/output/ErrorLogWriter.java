package dev.backprop.output;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the per-iteration error log of a training job to a Parquet file, one row per logged
 * step.
 *
 * <p>The file has this flat schema; every column is required except {@code validation_error}:
 *
 * <pre>
 * message error_log {
 *   required binary run (STRING);
 *   required int32 epoch;
 *   required int64 step;
 *   required int64 samples_seen;
 *   required double error;
 *   required double mean_error;
 *   optional double validation_error;
 *   required double learning_rate;
 *   required int64 elapsed_ms;
 * }
 * </pre>
 *
 * <p>Appending allocates nothing of its own: the row's fields live in this object, and the
 * {@code run} value is encoded once and reused while it does not change. Rows are buffered by the
 * Parquet writer and reach the disk in row groups, so the file is complete and readable only after
 * {@link #close()}.
 *
 * <p>Not thread-safe: one training loop owns one writer.
 */
public final class ErrorLogWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorLogWriter.class);

    /** The Parquet schema of the error log, with the column names used by the README. */
    static final MessageType SCHEMA = Types.buildMessage()
            .required(BINARY).as(stringType()).named("run")
            .required(INT32).named("epoch")
            .required(INT64).named("step")
            .required(INT64).named("samples_seen")
            .required(DOUBLE).named("error")
            .required(DOUBLE).named("mean_error")
            .optional(DOUBLE).named("validation_error")
            .required(DOUBLE).named("learning_rate")
            .required(INT64).named("elapsed_ms")
            .named("error_log");

    private final Path file;
    private final ParquetWriter<ErrorLogWriter> writer;
    private long rowCount;
    private boolean isClosed;

    // The row being appended; read back by writeRow while the Parquet writer encodes it.
    private String run;
    private Binary runValue;
    private int epoch;
    private long step;
    private long samplesSeen;
    private double error;
    private double meanError;
    private double validationError;
    private double learningRate;
    private long elapsedMillis;

    private ErrorLogWriter(Path file, String compression) throws IOException {
        this.file = file;
        this.writer = ParquetFiles.openWriter(file, SCHEMA, ErrorLogWriter::writeRow, compression);
    }

    /**
     * Creates (or replaces) {@code parquetFile} and returns a writer for its rows.
     *
     * @param parquetFile the file to write, usually {@code error_log.parquet} in a run folder
     * @param compression {@code snappy}, {@code zstd}, {@code gzip} or {@code uncompressed}
     * @throws IllegalArgumentException if {@code compression} is not one of those
     * @throws UncheckedIOException naming the file if it cannot be created
     */
    public static ErrorLogWriter open(Path parquetFile, String compression) {
        Objects.requireNonNull(parquetFile, "parquetFile");
        ParquetFiles.codec(compression);
        try {
            return new ErrorLogWriter(parquetFile, compression);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create error log " + parquetFile, e);
        }
    }

    /**
     * Appends one row.
     *
     * <p>The arguments mirror the columns one to one, so that logging every step costs no
     * allocation; a record would cost one per row.
     *
     * @param run the run id, stored as a UTF-8 string
     * @param epoch 0- or 1-based epoch, as the training loop counts it
     * @param step the update step within the run
     * @param samplesSeen samples processed so far in the run
     * @param error the error of this step
     * @param meanError the running mean error
     * @param validationError the validation error, or {@code NaN} when none was computed; stored
     *     as null
     * @param learningRate the learning rate used for this step
     * @param elapsedMillis wall-clock milliseconds since the run started
     * @throws IllegalStateException if the writer is closed
     * @throws UncheckedIOException naming the file if the row cannot be written
     */
    public void append(String run, int epoch, long step, long samplesSeen, double error, double meanError,
            double validationError, double learningRate, long elapsedMillis) {
        Objects.requireNonNull(run, "run");
        if (isClosed) {
            throw new IllegalStateException("error log " + file + " is already closed");
        }
        setRun(run);
        this.epoch = epoch;
        this.step = step;
        this.samplesSeen = samplesSeen;
        this.error = error;
        this.meanError = meanError;
        this.validationError = validationError;
        this.learningRate = learningRate;
        this.elapsedMillis = elapsedMillis;
        try {
            writer.write(this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to error log " + file, e);
        }
        rowCount++;
    }

    /**
     * Loads and initialises the Parquet writer's classes, codec included, by writing a one-row
     * error log to a scratch file that is deleted again. Running this on a spare core while the job
     * reads its data takes most of Parquet's and Hadoop's start-up cost off the critical path.
     *
     * @throws IOException if the scratch file cannot be written
     */
    public static void warmUp(String compression) throws IOException {
        Path scratch = java.nio.file.Files.createTempFile("backprop-warm-up-", ".parquet");
        try {
            ErrorLogWriter writer = new ErrorLogWriter(scratch, compression);
            writer.append("warm-up", 1, 1, 1, 0.0, 0.0, Double.NaN, 0.0, 0);
            writer.writer.close();
        } finally {
            java.nio.file.Files.deleteIfExists(scratch);
        }
    }

    /** Returns the number of rows appended so far; unchanged by {@link #close()}. */
    public long rowCount() {
        return rowCount;
    }

    /**
     * Writes the buffered rows and the footer and closes the file. Closing twice does nothing.
     *
     * @throws UncheckedIOException naming the file if it cannot be completed
     */
    @Override
    public void close() {
        if (isClosed) {
            return;
        }
        isClosed = true;
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot complete error log " + file, e);
        }
        LOG.info("Wrote {} with {} rows", file, rowCount);
    }

    private void setRun(String newRun) {
        // The run id is almost always the same String instance, so the identity check avoids
        // encoding it again for every row.
        if (newRun != run && !newRun.equals(run)) {
            run = newRun;
            runValue = Binary.fromString(newRun);
        }
    }

    private void writeRow(RecordConsumer consumer) {
        consumer.startField("run", 0);
        consumer.addBinary(runValue);
        consumer.endField("run", 0);
        ParquetFiles.addInt(consumer, "epoch", 1, epoch);
        ParquetFiles.addLong(consumer, "step", 2, step);
        ParquetFiles.addLong(consumer, "samples_seen", 3, samplesSeen);
        ParquetFiles.addDouble(consumer, "error", 4, error);
        ParquetFiles.addDouble(consumer, "mean_error", 5, meanError);
        if (!Double.isNaN(validationError)) {
            ParquetFiles.addDouble(consumer, "validation_error", 6, validationError);
        }
        ParquetFiles.addDouble(consumer, "learning_rate", 7, learningRate);
        ParquetFiles.addLong(consumer, "elapsed_ms", 8, elapsedMillis);
    }
}
