package dev.backprop.training;

/**
 * The gradient of the worked example's 2-2-2 sigmoid network with squared error, written out by
 * hand from the chain rule in M. Mazur's notation, independently of {@link Backpropagation}.
 *
 * <p>Parameters are held as {@code p[0..7] = w1..w8}, {@code p[8], p[9]} = the biases of h1 and
 * h2, {@code p[10], p[11]} = the biases of o1 and o2; {@link #toFlat} and {@link #fromFlat}
 * convert to the network's flat layout.
 */
final class HandGradient {

    private HandGradient() {}

    /** dE/dp of one sample with inputs {@code i1, i2} and targets {@code t1, t2}. */
    static double[] of(double[] p, double i1, double i2, double t1, double t2) {
        double h1 = sigmoid(p[0] * i1 + p[1] * i2 + p[8]);
        double h2 = sigmoid(p[2] * i1 + p[3] * i2 + p[9]);
        double o1 = sigmoid(p[4] * h1 + p[5] * h2 + p[10]);
        double o2 = sigmoid(p[6] * h1 + p[7] * h2 + p[11]);

        double deltaO1 = (o1 - t1) * o1 * (1 - o1);
        double deltaO2 = (o2 - t2) * o2 * (1 - o2);
        double deltaH1 = (deltaO1 * p[4] + deltaO2 * p[6]) * h1 * (1 - h1);
        double deltaH2 = (deltaO1 * p[5] + deltaO2 * p[7]) * h2 * (1 - h2);

        return new double[] {
            deltaH1 * i1, deltaH1 * i2, deltaH2 * i1, deltaH2 * i2,
            deltaO1 * h1, deltaO1 * h2, deltaO2 * h1, deltaO2 * h2,
            deltaH1, deltaH2, deltaO1, deltaO2
        };
    }

    /** The mean of the gradients of the given samples, each {i1, i2, t1, t2}. */
    static double[] mean(double[] p, double[][] samples) {
        double[] mean = new double[p.length];
        for (double[] s : samples) {
            double[] g = of(p, s[0], s[1], s[2], s[3]);
            for (int k = 0; k < p.length; k++) {
                mean[k] += g[k] / samples.length;
            }
        }
        return mean;
    }

    /** The hand layout's parameters placed in the network's flat layout. */
    static double[] toFlat(double[] p) {
        double[] flat = new double[MazurExample.ARCHITECTURE.parameterCount()];
        for (int k = 0; k < 12; k++) {
            flat[flatIndex(k)] = p[k];
        }
        return flat;
    }

    /** The network's flat parameters in the hand layout. */
    static double[] fromFlat(double[] flat) {
        double[] p = new double[12];
        for (int k = 0; k < 12; k++) {
            p[k] = flat[flatIndex(k)];
        }
        return p;
    }

    private static int flatIndex(int k) {
        if (k < 8) {
            return MazurExample.indexOfW(k + 1);
        }
        int layer = k < 10 ? 1 : 2;
        return MazurExample.ARCHITECTURE.biasIndex(layer, k % 2);
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
