package dev.backprop.cli;

import dev.backprop.data.InputDataException;
import dev.backprop.data.InputProblem;
import dev.backprop.data.RecordSource;
import dev.backprop.data.RecordSources;
import dev.backprop.output.ModelDescription;
import dev.backprop.output.TrainedModel;
import dev.backprop.training.Examples;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * Streams the rows of a data file through a trained model's view of them: the model's feature
 * columns, scaled with its stored scaling, and, when asked, its targets (class labels one-hot in
 * the model's label order, or numeric target columns). Rows come in blocks of a bounded size, so
 * a file of any length is read in constant memory.
 *
 * <p>Rows are numbered from 0 in file order, blank lines not counted: the numbering of the
 * training data's rows that the validation split uses. Mutable; belongs to one thread.
 */
final class ModelRows implements AutoCloseable {

    /** Rows per block: large enough to amortize the per-block work, small enough to stay in cache. */
    static final int BLOCK_ROWS = 4096;

    /**
     * One block of rows.
     *
     * @param rowNumbers each row's 0-based number in the file
     * @param ids each row's id cell, or its row number as text
     * @param examples the scaled features and (if read) the targets; zero targets otherwise
     */
    record Block(long[] rowNumbers, String[] ids, Examples examples) {}

    private final RecordSource source;
    private final TrainedModel model;
    private final int[] featureColumns;
    private final int idColumn;
    private final int[] targetColumns;
    private final int labelColumn;
    private long nextRowNumber;

    private ModelRows(RecordSource source, TrainedModel model, Optional<String> idColumn, boolean readsTargets) {
        this.source = source;
        this.model = model;
        ModelDescription description = model.description();
        this.featureColumns = description.featureNames().stream().mapToInt(source::columnIndex).toArray();
        this.idColumn = idColumn.map(source::columnIndex).orElse(-1);
        boolean hasLabels = description.labelColumn().isPresent();
        this.labelColumn = readsTargets && hasLabels ? source.columnIndex(description.labelColumn().get()) : -1;
        this.targetColumns = readsTargets && !hasLabels
                ? description.targetNames().stream().mapToInt(source::columnIndex).toArray()
                : new int[0];
    }

    /**
     * Opens a data file for a model.
     *
     * @param idColumn a column whose text identifies each row, or empty to use row numbers
     * @param readsTargets whether the targets must be present and read (evaluate) or not (predict)
     * @throws InputDataException if a needed column is missing or the header is unusable
     */
    static ModelRows open(Path data, TrainedModel model, Optional<String> idColumn, boolean readsTargets) {
        RecordSource source = RecordSources.open(data);
        try {
            return new ModelRows(source, model, idColumn, readsTargets);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** The data file as shown in messages. */
    String source() {
        return source.source();
    }

    /**
     * Reads up to {@link #BLOCK_ROWS} of the rows that {@code isWanted} accepts (by row number).
     *
     * @return the next block, or empty at the end of the file
     * @throws InputDataException naming file, line, column and value for a bad cell or unknown label
     */
    Optional<Block> nextBlock(IntPredicate isWanted) {
        int featureCount = featureColumns.length;
        int targetCount = model.network().architecture().outputSize();
        double[] features = new double[BLOCK_ROWS * featureCount];
        double[] targets = new double[BLOCK_ROWS * targetCount];
        long[] rowNumbers = new long[BLOCK_ROWS];
        String[] ids = new String[BLOCK_ROWS];

        int rows = 0;
        while (rows < BLOCK_ROWS && source.next()) {
            long rowNumber = nextRowNumber++;
            if (!isWanted.test((int) rowNumber)) {
                continue;
            }
            rowNumbers[rows] = rowNumber;
            ids[rows] = idColumn < 0 ? Long.toString(rowNumber) : source.text(idColumn);
            for (int f = 0; f < featureCount; f++) {
                features[rows * featureCount + f] = source.number(featureColumns[f]);
            }
            readTargets(targets, rows * targetCount);
            rows++;
        }
        if (rows == 0) {
            return Optional.empty();
        }
        Examples raw = new Examples(rows, featureCount, targetCount, Arrays.copyOf(features, rows * featureCount),
                Arrays.copyOf(targets, rows * targetCount));
        return Optional.of(new Block(Arrays.copyOf(rowNumbers, rows), Arrays.copyOf(ids, rows),
                model.scaling().apply(raw)));
    }

    private void readTargets(double[] targets, int offset) {
        if (labelColumn >= 0) {
            String label = source.text(labelColumn);
            int index = model.description().classLabels().indexOf(label);
            if (index < 0) {
                throw new InputDataException(List.of(new InputProblem(source.source(), source.location(),
                        InputProblem.columnLabel(source.columns().get(labelColumn)), label,
                        "label " + InputProblem.quote(label) + " is not one the model was trained on: "
                                + model.description().classLabels())));
            }
            targets[offset + index] = 1.0;
        }
        for (int k = 0; k < targetColumns.length; k++) {
            targets[offset + k] = source.number(targetColumns[k]);
        }
    }

    /** Rows read from the file so far, wanted or not. */
    long rowsRead() {
        return nextRowNumber;
    }

    @Override
    public void close() {
        source.close();
    }
}
