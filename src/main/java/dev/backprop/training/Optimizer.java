package dev.backprop.training;

/**
 * One gradient-descent update rule, applied element by element to a slice of the flat parameter
 * array.
 *
 * <p>Every rule here is elementwise: parameter {@code p}'s new value depends only on its own
 * gradient, value and state. So a mini-batch update may be split into slices handled by
 * different workers and still give the same bits for every thread count. The gradient handed in
 * is final: already averaged over the batch, clipped and with weight decay added (see
 * {@link ParameterUpdate}). State lives in flat arrays of one element per parameter, allocated
 * once; {@link #stateArrays()} exposes them for checkpoints.
 *
 * <p>Mutable; an optimizer belongs to one run. Different workers may update disjoint slices at
 * the same time.
 */
interface Optimizer {

    /**
     * Updates {@code parameters[from..to)} in place from {@code gradient[from..to)}.
     *
     * @param learningRate the step size eta of this update, {@code > 0}
     * @param step the 1-based number of this update in the run, for bias corrections
     */
    void update(double[] parameters, double[] gradient, int from, int to, double learningRate, long step);

    /**
     * The optimizer's state arrays, live and in a fixed order; empty for plain SGD. A checkpoint
     * copies them and a restore copies values back into them.
     */
    double[][] stateArrays();
}
