package dev.backprop.network;

/**
 * A per-sample gradient-descent step specialised for one small network. Each step gives the same
 * bits as the general per-sample step: the same operations in the same order, on the same values.
 */
public interface SampleStep {

    /**
     * The step specialised for {@code forwardPass}'s network and {@code loss}, if there is one,
     * else {@code null}: there is one for networks of one hidden layer, sigmoid neurons, the
     * squared error and at most four neurons per layer, inputs included (see
     * {@link TinyNetworkStep}). It computes with plain Java, whichever {@link LayerKernels} are
     * selected, and gives their bits.
     */
    static SampleStep specialisedFor(ForwardPass forwardPass, Loss loss) {
        return TinyNetworkStep.of(forwardPass, loss);
    }

    /**
     * Trains on one sample by plain stochastic gradient descent, updating {@code parameters} in
     * place, and returns the sample's error, computed in the forward pass before the update.
     *
     * @param features the sample's inputs, starting at {@code featuresFrom}
     * @param targets the sample's targets, starting at {@code targetsFrom}
     */
    double train(double[] parameters, double[] features, int featuresFrom, double[] targets, int targetsFrom,
            double learningRate, boolean updateBiases);
}
