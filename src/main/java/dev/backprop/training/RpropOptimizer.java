package dev.backprop.training;

/**
 * iRprop-: resilient backpropagation, which steps each weight by its own step size using only
 * the sign of its gradient.
 *
 * <p>M. Riedmiller and H. Braun, "A direct adaptive method for faster backpropagation learning:
 * the RPROP algorithm", IEEE ICNN 1993; the variant iRprop- is from C. Igel and M. Hüsken,
 * "Improving the Rprop Learning Algorithm", NC 2000, and is what FANN's {@code FANN_TRAIN_RPROP}
 * implements. For each weight, with {@code g_prev} the gradient remembered from the last update:
 *
 * <pre>
 *   if g * g_prev &gt; 0:  delta &lt;- min(delta * increase, delta_max)
 *   if g * g_prev &lt; 0:  delta &lt;- max(delta * decrease, delta_min);  g &lt;- 0
 *   w &lt;- w - sign(g) * delta
 *   g_prev &lt;- g
 * </pre>
 *
 * <p>Step sizes start at {@code delta_zero}. The learning rate (and therefore any schedule) is not
 * used: Rprop adapts its own steps. Rprop is a batch method: it assumes each update sees the same
 * error function, i.e. the full training set ({@code batch_size=0}). With smaller batches it is
 * applied per mini-batch exactly as above, so a sign change may reflect batch-to-batch noise as
 * well as an overshoot, and step sizes shrink more than in full-batch training.
 */
final class RpropOptimizer implements Optimizer {

    private final OptimizerSettings settings;
    private final double[] stepSizes;
    private final double[] previousGradient;

    RpropOptimizer(int parameterCount, OptimizerSettings settings) {
        this.settings = settings;
        this.stepSizes = new double[parameterCount];
        this.previousGradient = new double[parameterCount];
        java.util.Arrays.fill(stepSizes, settings.rpropDeltaZero());
    }

    @Override
    public void update(double[] parameters, double[] gradient, int from, int to, double learningRate, long step) {
        for (int p = from; p < to; p++) {
            double g = gradient[p];
            double signChange = g * previousGradient[p];
            if (signChange > 0.0) {
                stepSizes[p] = Math.min(stepSizes[p] * settings.rpropIncrease(), settings.rpropDeltaMax());
            } else if (signChange < 0.0) {
                stepSizes[p] = Math.max(stepSizes[p] * settings.rpropDecrease(), settings.rpropDeltaMin());
                g = 0.0;
            }
            parameters[p] -= Math.signum(g) * stepSizes[p];
            previousGradient[p] = g;
        }
    }

    @Override
    public double[][] stateArrays() {
        return new double[][] {stepSizes, previousGradient};
    }
}
