package dev.backprop.output;

import dev.backprop.network.Architecture;
import java.nio.file.Path;
import java.util.List;

/**
 * Collects the rows of a weights file into a flat parameter array and checks that they describe
 * exactly the expected architecture: every weight and bias once, nothing out of range, every value
 * finite.
 *
 * <p>Readers report each row with its position ({@code line} numbers for CSV, {@code row} numbers
 * for Parquet), which every error message then names together with the expected shape.
 */
final class WeightsAssembler {

    private final Path file;
    private final Architecture architecture;
    private final String positionKind;
    private final double[] parameters;

    /** Position at which each parameter was first given; 0 while it has not been. */
    private final long[] givenAt;
    private long rowCount;

    /**
     * Creates an assembler for one file.
     *
     * @param positionKind {@code line} or {@code row}, the word used in messages
     */
    WeightsAssembler(Path file, Architecture architecture, String positionKind) {
        this.file = file;
        this.architecture = architecture;
        this.positionKind = positionKind;
        this.parameters = new double[architecture.parameterCount()];
        this.givenAt = new long[parameters.length];
    }

    /** Returns the file being read. */
    Path file() {
        return file;
    }

    /** Returns the location text for a position, for example {@code line 14}. */
    String location(long position) {
        return positionKind + " " + position;
    }

    /** Returns the expected shape, for example {@code layers=2,2,2 expects 12 rows}. */
    String shape() {
        return "layers=" + architecture.layersText() + " expects " + parameters.length + " rows";
    }

    /** Returns an exception for a bad value in one column at {@code position}. */
    WeightsFileException invalid(long position, String column, String value, String problem) {
        return new WeightsFileException(file, location(position), column, value, problem + "; " + shape());
    }

    /**
     * Stores one row's value.
     *
     * @throws WeightsFileException if the row is out of range, repeats an earlier row or holds a
     *     value that is not finite
     */
    void accept(long position, int layer, int neuron, int input, double value) {
        checkRange(position, layer, neuron, input);
        if (!Double.isFinite(value)) {
            throw invalid(position, "value", Double.toString(value), "the value is not a finite number");
        }
        int index = WeightRows.parameterIndex(architecture, layer, neuron, input);
        if (givenAt[index] != 0) {
            throw invalid(position, "layer,neuron,input", layer + "," + neuron + "," + input,
                    "repeats the weight already given on " + location(givenAt[index]));
        }
        givenAt[index] = position;
        parameters[index] = value;
        rowCount++;
    }

    private void checkRange(long position, int layer, int neuron, int input) {
        if (layer < 1 || layer > architecture.depth()) {
            throw invalid(position, "layer", Integer.toString(layer), "layer " + layer
                    + " does not exist (weight layers are 1.." + architecture.depth() + ")");
        }
        int neurons = architecture.size(layer);
        if (neuron < 0 || neuron >= neurons) {
            throw invalid(position, "neuron", Integer.toString(neuron), "neuron " + neuron
                    + " does not exist in layer " + layer + " (neurons are 0.." + (neurons - 1) + ")");
        }
        int inputs = architecture.size(layer - 1);
        if (input < WeightRows.BIAS || input >= inputs) {
            throw invalid(position, "input", Integer.toString(input), "input " + input
                    + " does not exist for layer " + layer + " (inputs are 0.." + (inputs - 1)
                    + ", or -1 for the bias)");
        }
    }

    /**
     * Returns the parameters once all rows have been accepted.
     *
     * @throws WeightsFileException naming the first missing weight if any is absent
     */
    double[] parameters() {
        if (rowCount == parameters.length) {
            return parameters;
        }
        WeightRows rows = new WeightRows(architecture, List.of(), List.of());
        while (rows.next()) {
            if (givenAt[rows.parameterIndex()] == 0) {
                throw missing(rows);
            }
        }
        // Unreachable: accept() counts each parameter once, so fewer rows means one is missing.
        throw new IllegalStateException("row count " + rowCount + " but no weight is missing");
    }

    private WeightsFileException missing(WeightRows firstMissing) {
        long missingCount = parameters.length - rowCount;
        String weight = "layer " + firstMissing.layer() + ", neuron " + firstMissing.neuron() + ", input "
                + firstMissing.input() + (firstMissing.input() == WeightRows.BIAS ? " (the bias)" : "");
        String others = missingCount > 1 ? " and " + (missingCount - 1) + " more" : "";
        return new WeightsFileException(file, WeightsFileException.WHOLE_FILE, null, null,
                "the weight of " + weight + " is missing" + others + "; " + shape()
                        + ", found " + rowCount);
    }
}
