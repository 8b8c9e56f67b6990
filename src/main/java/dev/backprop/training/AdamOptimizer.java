package dev.backprop.training;

/**
 * Adam: gradient descent scaled by running estimates of the gradient's first and second moments.
 *
 * <p>D. P. Kingma and J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1,
 * with {@code t} the 1-based update number:
 *
 * <pre>
 *   m &lt;- beta1 * m + (1 - beta1) * g
 *   v &lt;- beta2 * v + (1 - beta2) * g^2
 *   m_hat = m / (1 - beta1^t),   v_hat = v / (1 - beta2^t)
 *   w &lt;- w - eta * m_hat / (sqrt(v_hat) + epsilon)
 * </pre>
 *
 * <p>Both moments start at zero. Weight decay, when configured, is added to {@code g} before this
 * rule (L2 regularization as in PyTorch's {@code Adam(weight_decay=...)}, not decoupled AdamW).
 * The paper's defaults are eta = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8.
 */
final class AdamOptimizer implements Optimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double[] firstMoment;
    private final double[] secondMoment;

    AdamOptimizer(int parameterCount, double beta1, double beta2, double epsilon) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.firstMoment = new double[parameterCount];
        this.secondMoment = new double[parameterCount];
    }

    @Override
    public void update(double[] parameters, double[] gradient, int from, int to, double learningRate, long step) {
        double firstCorrection = 1.0 - Math.pow(beta1, step);
        double secondCorrection = 1.0 - Math.pow(beta2, step);
        for (int p = from; p < to; p++) {
            double g = gradient[p];
            firstMoment[p] = beta1 * firstMoment[p] + (1.0 - beta1) * g;
            secondMoment[p] = beta2 * secondMoment[p] + (1.0 - beta2) * g * g;
            double mHat = firstMoment[p] / firstCorrection;
            double vHat = secondMoment[p] / secondCorrection;
            parameters[p] -= learningRate * mHat / (Math.sqrt(vHat) + epsilon);
        }
    }

    @Override
    public double[][] stateArrays() {
        return new double[][] {firstMoment, secondMoment};
    }
}
