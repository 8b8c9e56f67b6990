package dev.backprop.training;

/**
 * Plain stochastic gradient descent: {@code w <- w - eta * g}.
 *
 * <p>The rule of D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning representations by
 * back-propagating errors", Nature 323 (1986), and of M. Mazur's worked example. Stateless.
 */
final class SgdOptimizer implements Optimizer {

    private static final double[][] NO_STATE = new double[0][];

    @Override
    public void update(double[] parameters, double[] gradient, int from, int to, double learningRate, long step) {
        for (int p = from; p < to; p++) {
            parameters[p] -= learningRate * gradient[p];
        }
    }

    @Override
    public double[][] stateArrays() {
        return NO_STATE;
    }
}
