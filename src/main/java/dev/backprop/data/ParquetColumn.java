package dev.backprop.data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * How the cells of one flat Parquet column become training values: DOUBLE as is; FLOAT, INT32,
 * INT64 and BOOLEAN (as 1 or 0) widened exactly to double; DECIMAL (on INT32, INT64, BINARY or
 * FIXED_LEN_BYTE_ARRAY) as the double nearest its decimal value, which is what parsing its text
 * from a CSV file gives; strings parsed with the {@link NumberGrammar} when used as numbers, and
 * taken as they are when used as class labels. Immutable.
 */
final class ParquetColumn {

    private enum Kind { DOUBLE, FLOAT, INT32, INT64, BOOLEAN, DECIMAL, TEXT }

    private final ColumnDescriptor descriptor;
    private final Kind kind;
    private final int scale;

    private ParquetColumn(ColumnDescriptor descriptor, Kind kind, int scale) {
        this.descriptor = descriptor;
        this.kind = kind;
        this.scale = scale;
    }

    /**
     * Returns how to read a top-level field, or a phrase saying why it cannot be trained on.
     *
     * @return the column, or empty with the reason in {@code refusal[0]}
     */
    static Optional<ParquetColumn> of(Type field, ColumnDescriptor descriptor, String[] refusal) {
        if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
            refusal[0] = "is a nested or repeated field (" + field + "); only flat columns of"
                    + " numbers, booleans, decimals or strings can be trained on";
            return Optional.empty();
        }
        PrimitiveType primitive = field.asPrimitiveType();
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
            return Optional.of(new ParquetColumn(descriptor, Kind.DECIMAL, decimal.getScale()));
        }
        Kind kind = switch (primitive.getPrimitiveTypeName()) {
            case DOUBLE -> Kind.DOUBLE;
            case FLOAT -> Kind.FLOAT;
            case INT32 -> Kind.INT32;
            case INT64 -> Kind.INT64;
            case BOOLEAN -> Kind.BOOLEAN;
            case BINARY -> isText(logical) ? Kind.TEXT : null;
            default -> null;
        };
        if (kind == null) {
            refusal[0] = "has Parquet type " + primitive.getPrimitiveTypeName()
                    + (logical == null ? "" : " (" + logical + ")") + ", which cannot be read as"
                    + " a number or label; use DOUBLE, FLOAT, INT32, INT64, BOOLEAN, DECIMAL or"
                    + " STRING";
            return Optional.empty();
        }
        return Optional.of(new ParquetColumn(descriptor, kind, 0));
    }

    private static boolean isText(LogicalTypeAnnotation logical) {
        // Old writers leave plain BINARY for strings; Spark reads those as strings too.
        return logical == null
                || logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation;
    }

    ColumnDescriptor descriptor() {
        return descriptor;
    }

    /** Whether the current cell is null. */
    boolean isNull(ColumnReader reader) {
        return reader.getCurrentDefinitionLevel() < descriptor.getMaxDefinitionLevel();
    }

    /** Whether cells are text that must be parsed to become numbers. */
    boolean isText() {
        return kind == Kind.TEXT;
    }

    /**
     * The current cell as a number; for a text column, the parsed number or NaN if the text is
     * not a number in the {@link NumberGrammar}.
     */
    double number(ColumnReader reader) {
        return switch (kind) {
            case DOUBLE -> reader.getDouble();
            case FLOAT -> reader.getFloat();
            case INT32 -> reader.getInteger();
            case INT64 -> reader.getLong();
            case BOOLEAN -> reader.getBoolean() ? 1.0 : 0.0;
            case DECIMAL -> decimal(reader).doubleValue();
            case TEXT -> NumberGrammar.parseOrNaN(reader.getBinary().toStringUsingUTF8());
        };
    }

    /** The current cell as text: a label, or a value shown in a message. */
    String text(ColumnReader reader) {
        return switch (kind) {
            case DOUBLE -> wholeOrDecimal(reader.getDouble());
            case FLOAT -> Float.toString(reader.getFloat());
            case INT32 -> Integer.toString(reader.getInteger());
            case INT64 -> Long.toString(reader.getLong());
            case BOOLEAN -> Boolean.toString(reader.getBoolean());
            case DECIMAL -> decimal(reader).toPlainString();
            case TEXT -> reader.getBinary().toStringUsingUTF8();
        };
    }

    /**
     * A double as label text: whole numbers without ".0", so that a label column converted from
     * CSV text such as {@code 2} keeps the label {@code 2}.
     */
    private static String wholeOrDecimal(double value) {
        boolean isWhole = value == Math.rint(value) && Math.abs(value) < 1e15;
        return isWhole ? Long.toString((long) value) : Double.toString(value);
    }

    private BigDecimal decimal(ColumnReader reader) {
        return switch (descriptor.getPrimitiveType().getPrimitiveTypeName()) {
            case INT32 -> BigDecimal.valueOf(reader.getInteger(), scale);
            case INT64 -> BigDecimal.valueOf(reader.getLong(), scale);
            default -> {
                Binary bytes = reader.getBinary();
                yield new BigDecimal(new BigInteger(bytes.getBytes()), scale);
            }
        };
    }
}
