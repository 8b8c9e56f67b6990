package dev.backprop.data;

import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.schema.MessageType;

/**
 * Decodes the row groups of one Parquet file, column by column, straight into dense row-major
 * arrays: no object per row or cell, whatever the encoding (plain or dictionary) of each page.
 *
 * <p>Every cell is checked on the way. Null cells are reported (file, 1-based row counted across
 * row groups, column) or, with {@link NullPolicy#SKIP}, their rows are dropped and counted. Text
 * that is not a number and empty class labels are reported as the CSV reader reports them.
 * Mutable; belongs to one thread.
 */
final class RowGroupDecoder {

    private final String source;
    private final MessageType schema;
    private final String createdBy;
    private final ParquetSchemaPlan columns;
    private final TargetEncoding encoding;
    private final NullPolicy onNull;
    private final ProblemCollector problems;

    private boolean[] isNullRow = new boolean[0];
    private long rowNumber;
    private long rowsSkipped;

    /** How target cells are stored: numbers, or provisional label ids of one label column. */
    record TargetEncoding(boolean isLabelEncoded, LabelEncoder labels) {}

    RowGroupDecoder(String source, MessageType schema, String createdBy, ParquetSchemaPlan columns,
            TargetEncoding encoding, NullPolicy onNull, ProblemCollector problems) {
        this.source = source;
        this.schema = schema;
        this.createdBy = createdBy;
        this.columns = columns;
        this.encoding = encoding;
        this.onNull = onNull;
        this.problems = problems;
    }

    /** Values stored per row in the targets array: 1 label id, or one value per target. */
    int targetWidth() {
        return encoding.isLabelEncoded() ? 1 : columns.targetCount();
    }

    /** Rows dropped for null cells so far. */
    long rowsSkipped() {
        return rowsSkipped;
    }

    /**
     * Decodes one row group into rows {@code firstRow, firstRow + 1, ...} of the arrays, which
     * must have room for all its rows.
     *
     * @return the rows kept: the group's row count, less rows skipped for null cells
     */
    int decode(PageReadStore pages, double[] features, double[] targets, int firstRow) {
        int rows = Math.toIntExact(pages.getRowCount());
        if (isNullRow.length < rows) {
            isNullRow = new boolean[rows];
        }
        java.util.Arrays.fill(isNullRow, 0, rows, false);
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(
                pages, new GroupRecordConverter(schema).getRootConverter(), schema, createdBy);

        int featureCount = columns.featureCount();
        for (int feature = 0; feature < featureCount; feature++) {
            ParquetColumn column = columns.feature(feature);
            int headerIndex = columns.plan().featureIndex(feature);
            readNumbers(store, column, headerIndex, rows, features, firstRow, feature, featureCount);
        }
        int width = targetWidth();
        if (encoding.isLabelEncoded()) {
            readLabels(store, columns.target(0), columns.plan().targetIndex(0), rows, targets,
                    firstRow);
        } else {
            for (int target = 0; target < width; target++) {
                readNumbers(store, columns.target(target), columns.plan().targetIndex(target),
                        rows, targets, firstRow, target, width);
            }
        }

        rowNumber += rows;
        return onNull == NullPolicy.SKIP ? dropNullRows(features, targets, firstRow, rows) : rows;
    }

    /** Reads one column into every {@code stride}-th value of {@code values}. */
    private void readNumbers(ColumnReadStoreImpl store, ParquetColumn column, int headerIndex,
            int rows, double[] values, int firstRow, int offset, int stride) {
        ColumnReader reader = store.getColumnReader(column.descriptor());
        int index = firstRow * stride + offset;
        for (int row = 0; row < rows; row++, index += stride) {
            if (column.isNull(reader)) {
                markNull(row, headerIndex);
            } else {
                double value = column.number(reader);
                if (column.isText() && Double.isNaN(value)) {
                    String text = column.text(reader);
                    report(row, headerIndex, text,
                            "value " + InputProblem.quote(text) + " " + NumberGrammar.refusal(text));
                }
                values[index] = value;
            }
            reader.consume();
        }
    }

    private void readLabels(ColumnReadStoreImpl store, ParquetColumn column, int headerIndex,
            int rows, double[] labelIds, int firstRow) {
        ColumnReader reader = store.getColumnReader(column.descriptor());
        for (int row = 0; row < rows; row++) {
            if (column.isNull(reader)) {
                markNull(row, headerIndex);
            } else {
                String text = column.text(reader);
                String label = NumberGrammar.stripBlanks(text);
                if (label.isEmpty()) {
                    report(row, headerIndex, text, "is an empty class label");
                }
                labelIds[firstRow + row] = label.isEmpty() ? -1 : encoding.labels().idOf(label);
            }
            reader.consume();
        }
    }

    private void markNull(int row, int headerIndex) {
        isNullRow[row] = true;
        if (onNull == NullPolicy.FAIL) {
            report(row, headerIndex, null, "is null (a missing value); fill it in, drop the row,"
                    + " or set on_null=skip to leave such rows out");
        }
    }

    private void report(int row, int headerIndex, String text, String message) {
        String location = "row " + (rowNumber + row + 1);
        String column = columns.plan().columnLabel(headerIndex);
        problems.add(new InputProblem(source, location, column, text, message));
    }

    /** Moves the rows without nulls of the group together; returns their count. */
    private int dropNullRows(double[] features, double[] targets, int firstRow, int rows) {
        int featureCount = columns.featureCount();
        int width = targetWidth();
        int kept = 0;
        for (int row = 0; row < rows; row++) {
            if (isNullRow[row]) {
                rowsSkipped++;
                continue;
            }
            if (kept != row) {
                System.arraycopy(features, (firstRow + row) * featureCount,
                        features, (firstRow + kept) * featureCount, featureCount);
                System.arraycopy(targets, (firstRow + row) * width,
                        targets, (firstRow + kept) * width, width);
            }
            kept++;
        }
        return kept;
    }
}
