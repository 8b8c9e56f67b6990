package dev.backprop.output;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/** Predictions as a flat Parquet file, written as {@link ParquetFiles} writes every file. */
final class ParquetPredictionWriter implements PredictionWriter {

    private final Path file;
    private final Columns columns;
    private final ParquetWriter<ParquetPredictionWriter> writer;
    private long rowCount;

    // The row being written; read back by writeRow while the Parquet writer encodes it.
    private String id;
    private double[] outputs;
    private String predictedLabel;
    private double probability;

    private ParquetPredictionWriter(Path file, Columns columns) throws IOException {
        this.file = file;
        this.columns = columns;
        this.writer = ParquetFiles.openWriter(file, schema(columns), ParquetPredictionWriter::writeRow,
                ParquetFiles.DEFAULT_COMPRESSION);
    }

    static ParquetPredictionWriter open(Path file, Columns columns) throws IOException {
        return new ParquetPredictionWriter(file, columns);
    }

    private static MessageType schema(Columns columns) {
        Types.MessageTypeBuilder schema = Types.buildMessage();
        if (columns.isRowNumber()) {
            schema.required(INT64).named(columns.id());
        } else {
            schema.required(BINARY).as(stringType()).named(columns.id());
        }
        for (String output : columns.outputs()) {
            schema.required(DOUBLE).named(output);
        }
        if (columns.isClassification()) {
            schema.required(BINARY).as(stringType()).named("predicted_label");
            schema.required(DOUBLE).named("probability");
        }
        return schema.named("predictions");
    }

    @Override
    public void write(String id, double[] outputs, String predictedLabel, double probability) {
        this.id = id;
        this.outputs = outputs;
        this.predictedLabel = predictedLabel;
        this.probability = probability;
        try {
            writer.write(this);
            rowCount++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write predictions to " + file, e);
        }
    }

    private static void writeRow(ParquetPredictionWriter row, RecordConsumer consumer) {
        Columns columns = row.columns;
        int index = 0;
        if (columns.isRowNumber()) {
            ParquetFiles.addLong(consumer, columns.id(), index++, Long.parseLong(row.id));
        } else {
            ParquetFiles.addOptionalString(consumer, columns.id(), index++, Binary.fromString(row.id));
        }
        for (int k = 0; k < row.outputs.length; k++) {
            ParquetFiles.addDouble(consumer, columns.outputs().get(k), index++, row.outputs[k]);
        }
        if (columns.isClassification()) {
            ParquetFiles.addOptionalString(consumer, "predicted_label", index++,
                    Binary.fromString(row.predictedLabel));
            ParquetFiles.addDouble(consumer, "probability", index, row.probability);
        }
    }

    @Override
    public long rowCount() {
        return rowCount;
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write predictions to " + file, e);
        }
    }
}
