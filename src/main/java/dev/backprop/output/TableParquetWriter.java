package dev.backprop.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes a flat table of DOUBLE and STRING (UTF8) columns as Parquet with the job's own writer
 * settings (see {@link ParquetFiles}): the form {@code backprop convert} and
 * {@code backprop make-data} produce. DOUBLE columns are required; STRING columns are optional,
 * and a null text is written as a null cell. Mutable; one thread writes one file.
 */
public final class TableParquetWriter implements AutoCloseable {

    /** One row's cells: numbers for DOUBLE columns, texts for STRING columns. */
    private static final class Row {
        double[] numbers;
        String[] texts;
    }

    /**
     * Row groups of about 16 MiB: a streamed run ({@code cache=stream}) holds one decoded row group
     * at a time, so smaller groups keep its heap small; Spark and DuckDB read them just as well.
     */
    static final long ROW_GROUP_SIZE_BYTES = 16L << 20;

    private final Path file;
    private final ParquetWriter<Row> writer;
    private final Row row = new Row();
    private long rows;

    private TableParquetWriter(Path file, ParquetWriter<Row> writer) {
        this.file = file;
        this.writer = writer;
    }

    /**
     * Creates or replaces {@code file}.
     *
     * @param names the column names, in order
     * @param isText for each column, whether it is STRING rather than DOUBLE
     * @throws IllegalArgumentException if the sizes differ or the compression is unknown
     * @throws UncheckedIOException naming the file if it cannot be created
     */
    public static TableParquetWriter create(Path file, List<String> names, boolean[] isText, String compression) {
        Objects.requireNonNull(file, "file");
        if (names.size() != isText.length) {
            throw new IllegalArgumentException(names.size() + " names but " + isText.length + " types");
        }
        Types.MessageTypeBuilder schema = Types.buildMessage();
        for (int i = 0; i < names.size(); i++) {
            schema.addField(isText[i]
                    ? Types.optional(PrimitiveTypeName.BINARY)
                            .as(LogicalTypeAnnotation.stringType())
                            .named(names.get(i))
                    : Types.required(PrimitiveTypeName.DOUBLE).named(names.get(i)));
        }
        MessageType message = schema.named("table");
        try {
            return new TableParquetWriter(file, ParquetFiles.openWriter(file, message,
                    (Row values, org.apache.parquet.io.api.RecordConsumer consumer) -> {
                        List<Type> fields = message.getFields();
                        for (int i = 0; i < fields.size(); i++) {
                            if (isText[i]) {
                                String text = values.texts[i];
                                ParquetFiles.addOptionalString(consumer, fields.get(i).getName(), i,
                                        text == null ? null : Binary.fromString(text));
                            } else {
                                ParquetFiles.addDouble(consumer, fields.get(i).getName(), i, values.numbers[i]);
                            }
                        }
                    }, compression, ROW_GROUP_SIZE_BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    /**
     * Writes one row; cell {@code i} is {@code numbers[i]} for a DOUBLE column and {@code texts[i]}
     * for a STRING column. The arrays may be reused for the next row.
     */
    public void write(double[] numbers, String[] texts) {
        row.numbers = numbers;
        row.texts = texts;
        try {
            writer.write(row);
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Rows written so far. */
    public long rows() {
        return rows;
    }

    /** Finishes the file: writes the last row group and the footer. */
    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + file, e);
        }
    }
}
