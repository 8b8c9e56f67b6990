package dev.backprop.training;

import dev.backprop.network.Architecture;

/**
 * Turns a summed gradient into one optimizer update: averages it over the batch, clips its global
 * norm, adds weight decay, leaves frozen biases alone and hands the result to the
 * {@link Optimizer}.
 *
 * <p>For each parameter {@code p} of an update over {@code B} rows, with {@code c} the clip factor:
 *
 * <pre>
 *   g_p = 0                                         if p is a bias and update_biases=false
 *   g_p = c * (1/B) * sum_b dE_b/dw_p + lambda * w_p  otherwise (lambda only on decayed parameters)
 *   c   = min(1, clip_norm / ||(1/B) * sum_b dE_b/dw||)   over the trained parameters
 * </pre>
 *
 * <p>A zero gradient leaves the parameter unchanged under every optimizer here, which is how
 * frozen biases stay fixed. The norm is summed in parameter-index order on one thread, so it does
 * not depend on the worker count. Call {@link #begin} once per update, then
 * {@link #clipToGlobalNorm} if {@link #needsGlobalNorm()}, then {@link #applySlice} for disjoint
 * slices (possibly from several workers). Mutable; belongs to one run.
 */
final class ParameterUpdate {

    private final Optimizer optimizer;
    private final boolean[] isFrozen;
    private final boolean[] isDecayed;
    private final double weightDecay;
    private final double clipNorm;
    private final boolean isPlain;

    private double learningRate;
    private double gradientScale;
    private long step;

    ParameterUpdate(Architecture architecture, TrainingSettings settings) {
        int parameterCount = architecture.parameterCount();
        this.optimizer = settings.optimizer().create(parameterCount);
        this.isFrozen = new boolean[parameterCount];
        this.isDecayed = new boolean[parameterCount];
        this.weightDecay = settings.weightDecay();
        this.clipNorm = settings.clipNorm();

        for (int layer = 1; layer <= architecture.depth(); layer++) {
            int biases = architecture.biasOffset(layer);
            int end = architecture.weightOffset(layer + 1);
            for (int p = architecture.weightOffset(layer); p < end; p++) {
                boolean isBias = p >= biases;
                isFrozen[p] = isBias && !settings.updateBiases();
                isDecayed[p] = weightDecay > 0.0 && !isFrozen[p] && (!isBias || settings.decayBiases());
            }
        }
        this.isPlain = weightDecay == 0.0 && settings.updateBiases();
    }

    /**
     * Starts an update.
     *
     * @param rate the learning rate of this update
     * @param scale factor turning the summed gradient into the mean, {@code 1/B}
     * @param updateNumber the 1-based number of this update in the run
     */
    void begin(double rate, double scale, long updateNumber) {
        this.learningRate = rate;
        this.gradientScale = scale;
        this.step = updateNumber;
    }

    /** Whether {@link #clipToGlobalNorm} must see the whole gradient before any slice is applied. */
    boolean needsGlobalNorm() {
        return clipNorm > 0.0;
    }

    /** Scales this update's gradient down so that its norm is at most {@code clip_norm}. */
    void clipToGlobalNorm(double[] gradientSum) {
        double squares = 0.0;
        for (int p = 0; p < gradientSum.length; p++) {
            if (!isFrozen[p]) {
                squares += gradientSum[p] * gradientSum[p];
            }
        }
        double norm = gradientScale * Math.sqrt(squares);
        if (norm > clipNorm) {
            gradientScale *= clipNorm / norm;
        }
    }

    /**
     * Applies the update to {@code parameters[from..to)}, overwriting {@code gradientSum[from..to)}
     * with the final gradient.
     */
    void applySlice(double[] parameters, double[] gradientSum, int from, int to) {
        if (isPlain) {
            scaleSlice(gradientSum, from, to);
        } else {
            finishSlice(parameters, gradientSum, from, to);
        }
        optimizer.update(parameters, gradientSum, from, to, learningRate, step);
    }

    /** The final gradient where no parameter is frozen or decayed: the scaled sum, in a vectorizable loop. */
    private void scaleSlice(double[] gradientSum, int from, int to) {
        double scale = gradientScale;
        for (int p = from; p < to; p++) {
            gradientSum[p] *= scale;
        }
    }

    /** The final gradient with frozen parameters held and weight decay added. */
    private void finishSlice(double[] parameters, double[] gradientSum, int from, int to) {
        for (int p = from; p < to; p++) {
            double g = isFrozen[p] ? 0.0 : gradientSum[p] * gradientScale;
            if (isDecayed[p]) {
                g += weightDecay * parameters[p];
            }
            gradientSum[p] = g;
        }
    }

    /** The optimizer's live state arrays, for checkpoints. */
    double[][] optimizerState() {
        return optimizer.stateArrays();
    }
}
