package dev.backprop.output;

import dev.backprop.network.Architecture;
import java.util.List;

/**
 * A cursor over an architecture's weights and biases in the row order of a weights file: for each
 * weight layer, for each of its neurons, the weights from inputs {@code 0..n-1} and then the bias
 * (input {@code -1}). For the worked example's 2-2-2 network this is w1, w2, b1, w3, w4, b1, w5,
 * w6, b2, w7, w8, b2.
 *
 * <p>Mutable and reused for every row, so that walking a large network allocates nothing.
 */
final class WeightRows {

    /** The {@code input} value of a bias row. */
    static final int BIAS = -1;

    /** The {@code input_name} of every bias row. */
    static final String BIAS_NAME = "bias";

    private static final int NOT_STARTED = -2;

    private final Architecture architecture;
    private final List<String> featureNames;
    private final List<String> outputNames;
    private int layer = 1;
    private int neuron;
    private int input = NOT_STARTED;

    /**
     * Creates a cursor before the first row.
     *
     * @param featureNames one name per input neuron, or empty when the inputs are unnamed
     * @param outputNames one name per output neuron, or empty when the outputs are unnamed
     */
    WeightRows(Architecture architecture, List<String> featureNames, List<String> outputNames) {
        this.architecture = architecture;
        this.featureNames = featureNames;
        this.outputNames = outputNames;
    }

    /**
     * Returns the index of a weight or bias in the flat parameter array.
     *
     * <p>The layout is {@link Architecture}'s to know; this only maps the file's {@code input = -1}
     * to its bias index.
     */
    static int parameterIndex(Architecture architecture, int layer, int neuron, int input) {
        if (input == BIAS) {
            return architecture.biasIndex(layer, neuron);
        }
        return architecture.weightIndex(layer, neuron, input);
    }

    /** Moves to the next row; returns false once all rows have been visited. */
    boolean next() {
        if (input == NOT_STARTED) {
            input = 0;
            return true;
        }
        if (layer > architecture.depth()) {
            return false;
        }
        if (input == BIAS) {
            return nextNeuron();
        }
        input = input + 1 == architecture.size(layer - 1) ? BIAS : input + 1;
        return true;
    }

    private boolean nextNeuron() {
        input = 0;
        neuron++;
        if (neuron == architecture.size(layer)) {
            neuron = 0;
            layer++;
        }
        return layer <= architecture.depth();
    }

    /** Returns the 1-based weight layer of the current row. */
    int layer() {
        return layer;
    }

    /** Returns the 0-based neuron of the current row within its layer. */
    int neuron() {
        return neuron;
    }

    /** Returns the 0-based input neuron of the current row, or {@link #BIAS}. */
    int input() {
        return input;
    }

    /** Returns where the current row's value lives in the flat parameter array. */
    int parameterIndex() {
        return parameterIndex(architecture, layer, neuron, input);
    }

    /** Returns the feature name of a first-layer input, {@code bias} for a bias, else null. */
    String inputName() {
        if (input == BIAS) {
            return BIAS_NAME;
        }
        return layer == 1 && !featureNames.isEmpty() ? featureNames.get(input) : null;
    }

    /** Returns the output name of an output-layer neuron, else null. */
    String neuronName() {
        return layer == architecture.depth() && !outputNames.isEmpty() ? outputNames.get(neuron) : null;
    }
}
