package dev.backprop.output;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import dev.backprop.training.TraceRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * Writes a step-by-step trace as Parquet in long format:
 * {@code step INT64, quantity STRING, name STRING, value DOUBLE}, one row per value, in trace
 * order. Query it with, for example,
 * {@code SELECT value FROM 'trace.parquet' WHERE step = 1 AND quantity = 'new_value' AND name = 'w5'}.
 */
public final class TraceFile {

    static final MessageType SCHEMA = Types.buildMessage()
            .required(INT64).named("step")
            .required(BINARY).as(stringType()).named("quantity")
            .required(BINARY).as(stringType()).named("name")
            .required(DOUBLE).named("value")
            .named("trace");

    private TraceFile() {}

    /**
     * Writes {@code rows} to {@code file}, replacing it.
     *
     * @throws UncheckedIOException naming the file if it cannot be written
     */
    public static void write(Path file, List<TraceRow> rows) {
        try (ParquetWriter<TraceRow> writer = ParquetFiles.openWriter(file, SCHEMA, (row, consumer) -> {
            ParquetFiles.addLong(consumer, "step", 0, row.step());
            ParquetFiles.addOptionalString(consumer, "quantity", 1, Binary.fromString(row.quantity()));
            ParquetFiles.addOptionalString(consumer, "name", 2, Binary.fromString(row.name()));
            ParquetFiles.addDouble(consumer, "value", 3, row.value());
        }, ParquetFiles.DEFAULT_COMPRESSION)) {
            for (TraceRow row : rows) {
                writer.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trace " + file, e);
        }
    }
}
