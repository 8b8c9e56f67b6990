package dev.backprop.output;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;

import dev.backprop.network.Architecture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet form of a weights file; see {@link WeightsFile} for the schema.
 *
 * <p>Reading accepts what other tools make of the file: INT64 instead of INT32 index columns
 * (pandas' default), FLOAT instead of DOUBLE values, optional instead of required columns, the
 * columns in any order and extra columns, which are ignored.
 */
final class WeightsParquet {

    /** The schema written; the README documents it. */
    static final MessageType SCHEMA = Types.buildMessage()
            .required(INT32).named("layer")
            .required(INT32).named("neuron")
            .required(INT32).named("input")
            .required(DOUBLE).named("value")
            .optional(BINARY).as(stringType()).named("input_name")
            .optional(BINARY).as(stringType()).named("neuron_name")
            .named("weights");

    private static final Set<PrimitiveTypeName> WHOLE_NUMBER_TYPES = Set.of(INT32, PrimitiveTypeName.INT64);
    private static final Set<PrimitiveTypeName> VALUE_TYPES = Set.of(DOUBLE, PrimitiveTypeName.FLOAT);

    private WeightsParquet() {}

    /** Writes all rows of {@code rows}, taking each value from {@code parameters}. */
    static void write(Path file, WeightRows rows, double[] parameters, String compression)
            throws IOException {
        ParquetFiles.RowWriter<WeightRows> rowWriter =
                (row, consumer) -> writeRow(row, parameters, consumer);
        try (ParquetWriter<WeightRows> writer =
                ParquetFiles.openWriter(file, SCHEMA, rowWriter, compression)) {
            while (rows.next()) {
                writer.write(rows);
            }
        }
    }

    private static void writeRow(WeightRows row, double[] parameters, RecordConsumer consumer) {
        ParquetFiles.addInt(consumer, "layer", 0, row.layer());
        ParquetFiles.addInt(consumer, "neuron", 1, row.neuron());
        ParquetFiles.addInt(consumer, "input", 2, row.input());
        ParquetFiles.addDouble(consumer, "value", 3, parameters[row.parameterIndex()]);
        ParquetFiles.addOptionalString(consumer, "input_name", 4, binary(row.inputName()));
        ParquetFiles.addOptionalString(consumer, "neuron_name", 5, binary(row.neuronName()));
    }

    private static Binary binary(String text) {
        return text == null ? null : Binary.fromString(text);
    }

    /** Reads and validates a Parquet weights file; see {@link WeightsFile#read}. */
    static double[] read(Path file, Architecture architecture) throws IOException {
        WeightsAssembler assembler = new WeightsAssembler(file, architecture, "row");
        try (ParquetFileReader reader = ParquetFiles.openReader(file)) {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            MessageType projection = projection(fileSchema, assembler);
            reader.setRequestedSchema(projection);
            long row = 0;
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory()
                        .getColumnIO(projection, fileSchema)
                        .getRecordReader(rowGroup, new GroupRecordConverter(projection));
                for (long i = 0; i < rowGroup.getRowCount(); i++) {
                    readRow(records.read(), ++row, assembler);
                }
            }
        }
        return assembler.parameters();
    }

    /** Returns the four core columns of {@code fileSchema}, after checking their types. */
    private static MessageType projection(MessageType fileSchema, WeightsAssembler assembler) {
        List<Type> columns = new ArrayList<>();
        for (String column : WeightsFile.REQUIRED_COLUMNS) {
            if (!fileSchema.containsField(column)) {
                throw new WeightsFileException(assembler.file(), WeightsFileException.WHOLE_FILE,
                        column, null,
                        "the file has no column " + column + "; it needs " + WeightsFile.REQUIRED_COLUMNS);
            }
            Type type = fileSchema.getType(column);
            Set<PrimitiveTypeName> allowed = column.equals("value") ? VALUE_TYPES : WHOLE_NUMBER_TYPES;
            if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)
                    || !allowed.contains(type.asPrimitiveType().getPrimitiveTypeName())) {
                throw new WeightsFileException(assembler.file(), WeightsFileException.WHOLE_FILE,
                        column, type.toString().trim(),
                        "the column must be a single " + allowed + " value per row");
            }
            columns.add(type);
        }
        return new MessageType(fileSchema.getName(), columns);
    }

    private static void readRow(Group record, long row, WeightsAssembler assembler) {
        int layer = wholeNumber(record, "layer", row, assembler);
        int neuron = wholeNumber(record, "neuron", row, assembler);
        int input = wholeNumber(record, "input", row, assembler);
        checkPresent(record, "value", row, assembler);
        double value = record.getType().getType("value").asPrimitiveType().getPrimitiveTypeName() == DOUBLE
                ? record.getDouble("value", 0)
                : record.getFloat("value", 0);
        assembler.accept(row, layer, neuron, input, value);
    }

    private static int wholeNumber(Group record, String column, long row, WeightsAssembler assembler) {
        checkPresent(record, column, row, assembler);
        if (record.getType().getType(column).asPrimitiveType().getPrimitiveTypeName() == INT32) {
            return record.getInteger(column, 0);
        }
        long value = record.getLong(column, 0);
        if (value != (int) value) {
            throw assembler.invalid(
                    row, column, Long.toString(value), "the " + column + " is out of range");
        }
        return (int) value;
    }

    private static void checkPresent(Group record, String column, long row, WeightsAssembler assembler) {
        if (record.getFieldRepetitionCount(column) == 0) {
            throw assembler.invalid(row, column, "null", "the " + column + " is missing (null)");
        }
    }
}
