package dev.backprop.training;

/**
 * Gradient descent with heavy-ball momentum, in the form PyTorch's {@code SGD(momentum=mu)} uses:
 *
 * <pre>
 *   v &lt;- mu * v + g
 *   w &lt;- w - eta * v
 * </pre>
 *
 * <p>B. T. Polyak, "Some methods of speeding up the convergence of iteration methods", USSR
 * Computational Mathematics and Mathematical Physics 4(5) (1964); see also I. Sutskever et al.,
 * "On the importance of initialization and momentum in deep learning", ICML 2013. The velocity
 * {@code v} starts at zero. Because eta multiplies the velocity rather than each gradient, a
 * learning-rate schedule rescales the accumulated velocity too, as in PyTorch.
 */
final class MomentumOptimizer implements Optimizer {

    private final double momentum;
    private final double[] velocity;

    MomentumOptimizer(int parameterCount, double momentum) {
        this.momentum = momentum;
        this.velocity = new double[parameterCount];
    }

    @Override
    public void update(double[] parameters, double[] gradient, int from, int to, double learningRate, long step) {
        for (int p = from; p < to; p++) {
            velocity[p] = momentum * velocity[p] + gradient[p];
            parameters[p] -= learningRate * velocity[p];
        }
    }

    @Override
    public double[][] stateArrays() {
        return new double[][] {velocity};
    }
}
