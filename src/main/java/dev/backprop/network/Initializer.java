package dev.backprop.network;

import java.util.SplittableRandom;

/**
 * Draws initial weights from a seed.
 *
 * <p>Each weight and bias of layer {@code l} is {@code (2u - 1) / sqrt(fanIn)} with {@code u}
 * uniform in [0, 1) and {@code fanIn} the width of layer {@code l-1}: the scaled uniform rule of
 * LeCun et al., "Efficient BackProp" (1998), which keeps the net inputs of the first forward pass
 * near unit variance. The draws come from {@link SplittableRandom} (SplitMix64), the same stream
 * the reference trainers under {@code shared/bench} use.
 *
 * <p>{@link #scaledUniform} consumes the draws in this project's parameter order (layer by layer,
 * weights input-major {@code W[input][neuron]}, then biases). The reference trainers store
 * {@code W[neuron][input]} and draw in that order, so {@link #referenceOrder} places the same
 * draws at the transposed positions: a run started from it has exactly their initial weights,
 * which is what makes final errors comparable.
 */
public final class Initializer {

    private Initializer() {}

    /**
     * Returns a fresh parameter array for {@code architecture} drawn from {@code seed}.
     *
     * <p>The same seed always gives the same weights; different seeds give different weights, and
     * no two weights of a layer are equal except by a chance of about 2^-53.
     */
    public static double[] scaledUniform(Architecture architecture, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] parameters = new double[architecture.parameterCount()];
        for (int layer = 1; layer <= architecture.depth(); layer++) {
            double scale = 1.0 / Math.sqrt(architecture.size(layer - 1));
            int from = architecture.weightOffset(layer);
            int to = architecture.weightOffset(layer + 1);
            for (int p = from; p < to; p++) {
                parameters[p] = (2.0 * random.nextDouble() - 1.0) * scale;
            }
        }
        return parameters;
    }

    /**
     * Returns a fresh parameter array drawn from {@code seed} in the reference trainers' order.
     *
     * <p>Layer by layer, draw {@code k} of the weight matrix goes to neuron {@code k / fanIn},
     * input {@code k % fanIn} (their row-major {@code W[neuron][input]}), then one draw per bias.
     * The values are those of {@code nn_common.h}'s {@code init_params} and {@code nncommon.py},
     * each {@code (2u - 1) / sqrt(fanIn)}.
     */
    public static double[] referenceOrder(Architecture architecture, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] parameters = new double[architecture.parameterCount()];
        for (int layer = 1; layer <= architecture.depth(); layer++) {
            int fanIn = architecture.size(layer - 1);
            double scale = 1.0 / Math.sqrt(fanIn);
            for (int neuron = 0; neuron < architecture.size(layer); neuron++) {
                for (int input = 0; input < fanIn; input++) {
                    parameters[architecture.weightIndex(layer, neuron, input)] =
                            (2.0 * random.nextDouble() - 1.0) * scale;
                }
            }
            for (int neuron = 0; neuron < architecture.size(layer); neuron++) {
                parameters[architecture.biasIndex(layer, neuron)] = (2.0 * random.nextDouble() - 1.0) * scale;
            }
        }
        return parameters;
    }
}
