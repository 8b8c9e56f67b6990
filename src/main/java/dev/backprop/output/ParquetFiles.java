package dev.backprop.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The one place that decides how this project writes and opens Parquet files.
 *
 * <p>Every file is written for the widest range of readers (DuckDB, pyarrow/pandas, Spark 3.x's
 * vectorized reader, old versions included): format version 1 with v1 data pages
 * ({@link WriterVersion#PARQUET_1_0}, so no {@code DATA_PAGE_V2} and no {@code DELTA_*}
 * encodings), dictionary encoding on, and flat schemas of DOUBLE, INT32, INT64 and STRING-annotated
 * BYTE_ARRAY columns with lower-case snake_case names.
 *
 * <p>Files go through Parquet's own {@link LocalOutputFile} and {@link LocalInputFile} rather than
 * Hadoop's checksummed local file system, so no {@code .crc} sidecar is written, and with a
 * {@link PlainParquetConfiguration} rather than a Hadoop {@code Configuration}, which keeps
 * Hadoop's configuration loading out of start-up. Snappy, the default codec, is written through
 * {@link SnappyPageCompressor}, and {@code uncompressed} needs no codec, so neither touches Hadoop
 * classes; {@code zstd} and {@code gzip} come from parquet-hadoop's codec factory, which builds a
 * Hadoop {@code Configuration} (and parses Hadoop's default XML resources) for them.
 */
final class ParquetFiles {

    /** Config key under which users choose the codec; named in error messages. */
    static final String COMPRESSION_KEY = "compression";

    /** The codec used when the job file does not choose one. */
    static final String DEFAULT_COMPRESSION = "snappy";

    private static final Map<String, CompressionCodecName> CODECS = Map.of(
            "snappy", CompressionCodecName.SNAPPY,
            "zstd", CompressionCodecName.ZSTD,
            "gzip", CompressionCodecName.GZIP,
            "uncompressed", CompressionCodecName.UNCOMPRESSED);

    private ParquetFiles() {}

    /**
     * Writes one row into a {@link RecordConsumer}, between the message start and end that the
     * caller adds.
     *
     * @param <T> the row type, often a mutable object reused for every row
     */
    @FunctionalInterface
    interface RowWriter<T> {
        void write(T row, RecordConsumer consumer);
    }

    /**
     * Returns the Parquet codec for a {@code compression} value.
     *
     * @throws IllegalArgumentException naming the key and the allowed values if the name is unknown
     */
    static CompressionCodecName codec(String compression) {
        Objects.requireNonNull(compression, COMPRESSION_KEY);
        CompressionCodecName codec = CODECS.get(compression.toLowerCase(Locale.ROOT));
        if (codec == null) {
            throw new IllegalArgumentException(COMPRESSION_KEY + ": '" + compression
                    + "' is not supported; use snappy (default), zstd, gzip or uncompressed");
        }
        return codec;
    }

    /**
     * Opens a writer that replaces {@code file} (if present) with a Parquet file of {@code schema}.
     *
     * @throws IllegalArgumentException if {@code compression} is not a supported codec name
     * @throws IOException if the file cannot be created
     */
    static <T> ParquetWriter<T> openWriter(
            Path file, MessageType schema, RowWriter<T> rowWriter, String compression) throws IOException {
        return openWriter(file, schema, rowWriter, compression, ParquetWriter.DEFAULT_BLOCK_SIZE);
    }

    /**
     * Opens a writer as {@link #openWriter(Path, MessageType, RowWriter, String)} does, with row
     * groups of about {@code rowGroupSizeBytes} (compressed).
     */
    static <T> ParquetWriter<T> openWriter(Path file, MessageType schema, RowWriter<T> rowWriter,
            String compression, long rowGroupSizeBytes) throws IOException {
        CompressionCodecName codec = codec(compression);
        Builder<T> builder = new Builder<>(new LocalOutputFile(file), schema, rowWriter);
        builder.withRowGroupSize(rowGroupSizeBytes)
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withWriterVersion(WriterVersion.PARQUET_1_0)
                .withDictionaryEncoding(false)
                .withCompressionCodec(codec);
        if (codec == CompressionCodecName.SNAPPY) {
            builder.withCodecFactory(new SnappyPageCompressor());
        }
        // Dictionaries pay for strings (run ids, names), which repeat; errors and counters rarely
        // repeat, and hashing each of them cost more time than the whole training of a small run.
        for (ColumnDescriptor column : schema.getColumns()) {
            if (column.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY) {
                builder.withDictionaryEncoding(String.join(".", column.getPath()), true);
            }
        }
        return builder.build();
    }

    /** Opens {@code file} for reading its footer and row groups, without Hadoop's file system. */
    static ParquetFileReader openReader(Path file) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        return ParquetFileReader.open(new LocalInputFile(file), options);
    }

    /** Adds a required or present INT32 value. */
    static void addInt(RecordConsumer consumer, String column, int index, int value) {
        consumer.startField(column, index);
        consumer.addInteger(value);
        consumer.endField(column, index);
    }

    /** Adds a required or present INT64 value. */
    static void addLong(RecordConsumer consumer, String column, int index, long value) {
        consumer.startField(column, index);
        consumer.addLong(value);
        consumer.endField(column, index);
    }

    /** Adds a DOUBLE value. */
    static void addDouble(RecordConsumer consumer, String column, int index, double value) {
        consumer.startField(column, index);
        consumer.addDouble(value);
        consumer.endField(column, index);
    }

    /** Adds a STRING value, or nothing (a null in an optional column) when {@code value} is null. */
    static void addOptionalString(RecordConsumer consumer, String column, int index, Binary value) {
        if (value != null) {
            consumer.startField(column, index);
            consumer.addBinary(value);
            consumer.endField(column, index);
        }
    }

    /** A writer builder for rows that a {@link RowWriter} turns into records of a fixed schema. */
    private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final MessageType schema;
        private final RowWriter<T> rowWriter;

        Builder(OutputFile file, MessageType schema, RowWriter<T> rowWriter) {
            super(file);
            this.schema = schema;
            this.rowWriter = rowWriter;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new RowWriteSupport<>(schema, rowWriter);
        }

        @Override
        protected WriteSupport<T> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport<>(schema, rowWriter);
        }
    }

    /** Frames each row as one message; the schema is fixed, so the configuration is not read. */
    private static final class RowWriteSupport<T> extends WriteSupport<T> {
        private final MessageType schema;
        private final RowWriter<T> rowWriter;
        private RecordConsumer consumer;

        RowWriteSupport(MessageType schema, RowWriter<T> rowWriter) {
            this.schema = schema;
            this.rowWriter = rowWriter;
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration conf) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public WriteContext init(ParquetConfiguration conf) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(T row) {
            consumer.startMessage();
            rowWriter.write(row, consumer);
            consumer.endMessage();
        }
    }
}
