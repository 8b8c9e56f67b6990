package dev.backprop.bench;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.Loss;
import dev.backprop.training.TrainingSettings;

/**
 * One benchmark run as issue 3 defines it: all-sigmoid network, half squared error, rows in file
 * order (no shuffling), initial weights from seed 1 in the reference trainers' order.
 *
 * @param name the name printed in the table, for example {@code wide-2t}
 * @param dataset which examples to train on: {@code digits}, {@code xor} or {@code wide}
 * @param layers layer sizes, input first
 * @param learningRate step size eta
 * @param epochs passes over the data per repeat
 * @param batchSize rows per update, 1 for per-sample SGD
 * @param threads workers for mini-batches
 */
record Workload(
        String name, String dataset, int[] layers, double learningRate, int epochs, int batchSize, int threads) {

    Architecture architecture() {
        return new Architecture(layers, Activation.SIGMOID, Activation.SIGMOID);
    }

    TrainingSettings settings() {
        return new TrainingSettings(learningRate, epochs, batchSize, threads, TrainingSettings.DEFAULT_CHUNK_SIZE,
                0, true, false, 1, Loss.SQUARED_ERROR);
    }

    /** Weights (not biases) of the network, the basis of the 6 x weights FLOP convention. */
    long weightCount() {
        long weights = 0;
        for (int l = 1; l < layers.length; l++) {
            weights += (long) layers[l - 1] * layers[l];
        }
        return weights;
    }
}
