package dev.backprop.network;

/**
 * A per-sample gradient-descent step specialised for one small network, working on a copy of its
 * weights held in the layout it computes fastest from: {@link #load} the weights, {@link #train}
 * any number of samples, {@link #store} them back. Each step gives the same bits as the general
 * per-sample step: the same operations in the same order, on the same values.
 *
 * <p>Mutable; belongs to one thread.
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

    /** Copies the network's weights and biases from {@code parameters} into this step. */
    void load(double[] parameters);

    /**
     * Trains on one sample by plain stochastic gradient descent on this step's copy of the
     * weights and returns the sample's error, computed in the forward pass before the update.
     *
     * @param features the sample's inputs, starting at {@code featuresFrom}
     * @param targets the sample's targets, starting at {@code targetsFrom}
     */
    double train(double[] features, int featuresFrom, double[] targets, int targetsFrom, double learningRate,
            boolean updateBiases);

    /** Copies this step's weights and biases into {@code parameters}. */
    void store(double[] parameters);
}
