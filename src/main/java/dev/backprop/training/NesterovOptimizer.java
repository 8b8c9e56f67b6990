package dev.backprop.training;

/**
 * Nesterov accelerated gradient, in the form PyTorch's {@code SGD(momentum=mu, nesterov=True)}
 * uses, which evaluates the gradient at the current weights and looks ahead with the velocity:
 *
 * <pre>
 *   v &lt;- mu * v + g
 *   w &lt;- w - eta * (g + mu * v)
 * </pre>
 *
 * <p>Y. Nesterov, "A method of solving a convex programming problem with convergence rate
 * O(1/k^2)", Soviet Mathematics Doklady 27 (1983); the reformulation for neural networks is from
 * I. Sutskever et al., "On the importance of initialization and momentum in deep learning", ICML
 * 2013. The velocity {@code v} starts at zero.
 */
final class NesterovOptimizer implements Optimizer {

    private final double momentum;
    private final double[] velocity;

    NesterovOptimizer(int parameterCount, double momentum) {
        this.momentum = momentum;
        this.velocity = new double[parameterCount];
    }

    @Override
    public void update(double[] parameters, double[] gradient, int from, int to, double learningRate, long step) {
        for (int p = from; p < to; p++) {
            velocity[p] = momentum * velocity[p] + gradient[p];
            parameters[p] -= learningRate * (gradient[p] + momentum * velocity[p]);
        }
    }

    @Override
    public double[][] stateArrays() {
        return new double[][] {velocity};
    }
}
