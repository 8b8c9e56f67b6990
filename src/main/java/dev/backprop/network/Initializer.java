package dev.backprop.network;

import java.util.SplittableRandom;

/**
 * Draws initial weights from a seed.
 *
 * <p>Each weight and bias of layer {@code l} is {@code (2u - 1) / sqrt(fanIn)} with {@code u}
 * uniform in [0, 1) and {@code fanIn} the width of layer {@code l-1}: the scaled uniform rule of
 * LeCun et al., "Efficient BackProp" (1998), which keeps the net inputs of the first forward pass
 * near unit variance. The draws come from {@link SplittableRandom} (SplitMix64) in parameter
 * order (layer by layer, weights row-major, then biases), the same stream the reference trainers
 * under {@code shared/bench} use, so a run can start from exactly their weights.
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
}
