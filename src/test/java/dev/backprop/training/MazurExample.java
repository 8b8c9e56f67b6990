package dev.backprop.training;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.Loss;

/**
 * The network, sample and settings of M. Mazur, "A Step by Step Backpropagation Example" (2015):
 * inputs 0.05 and 0.10, targets 0.01 and 0.99, weights w1..w8 = 0.15 .. 0.55, biases b1 = 0.35 and
 * b2 = 0.60 (never updated), learning rate 0.5.
 */
final class MazurExample {

    static final Architecture ARCHITECTURE = new Architecture(new int[] {2, 2, 2}, Activation.SIGMOID,
            Activation.SIGMOID);

    static final Examples SAMPLE = new Examples(1, 2, 2, new double[] {0.05, 0.10}, new double[] {0.01, 0.99});

    private MazurExample() {}

    /** Returns w1..w8, b1, b2 placed in the flat parameter layout. */
    static double[] initialParameters() {
        double[] parameters = new double[ARCHITECTURE.parameterCount()];
        // w1: i1->h1, w2: i2->h1, w3: i1->h2, w4: i2->h2, w5: h1->o1, w6: h2->o1, w7: h1->o2, w8: h2->o2
        double[] w = {0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55};
        for (int k = 0; k < 8; k++) {
            int layer = k < 4 ? 1 : 2;
            parameters[ARCHITECTURE.weightIndex(layer, (k % 4) / 2, k % 2)] = w[k];
        }
        for (int neuron = 0; neuron < 2; neuron++) {
            parameters[ARCHITECTURE.biasIndex(1, neuron)] = 0.35;
            parameters[ARCHITECTURE.biasIndex(2, neuron)] = 0.60;
        }
        return parameters;
    }

    /** Per-sample SGD at learning rate 0.5 with fixed biases, one row logged per update. */
    static TrainingSettings settings(int epochs) {
        return new TrainingSettings(0.5, epochs, 1, 1, TrainingSettings.DEFAULT_CHUNK_SIZE, 1, false, false, 1,
                Loss.SQUARED_ERROR);
    }

    /** Index of weight wN (1..8) in the flat layout. */
    static int indexOfW(int n) {
        int k = n - 1;
        return ARCHITECTURE.weightIndex(k < 4 ? 1 : 2, (k % 4) / 2, k % 2);
    }
}
