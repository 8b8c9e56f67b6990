package dev.backprop.network;

/**
 * The two loops that all of training and prediction spend their time in, written so that the
 * JIT can compile them well.
 *
 * <p>Both work on contiguous slices of flat {@code double} arrays and are bitwise deterministic:
 * the same inputs always give the same result, on any thread.
 */
public final class VectorKernels {

    private VectorKernels() {}

    /**
     * {@code y[yFrom + j] += a * x[xFrom + j]} for {@code 0 <= j < count}.
     *
     * <p>Each element is independent, so the JIT turns this loop into vector instructions
     * (8 doubles at a time with AVX-512).
     */
    public static void addScaled(double a, double[] x, int xFrom, double[] y, int yFrom, int count) {
        for (int j = 0; j < count; j++) {
            y[yFrom + j] += a * x[xFrom + j];
        }
    }

    /**
     * Returns {@code sum_j x[xFrom + j] * y[yFrom + j]} for {@code 0 <= j < count}.
     *
     * <p>Java keeps a floating-point sum in program order, so a single running sum cannot be
     * vectorized and waits on each addition. Four partial sums over {@code j mod 4} let four
     * additions run at once; they are combined as {@code (s0 + s1) + (s2 + s3)}, a fixed order,
     * so the result does not depend on the thread or the machine.
     */
    public static double dot(double[] x, int xFrom, double[] y, int yFrom, int count) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int j = 0;
        for (; j + 3 < count; j += 4) {
            s0 += x[xFrom + j] * y[yFrom + j];
            s1 += x[xFrom + j + 1] * y[yFrom + j + 1];
            s2 += x[xFrom + j + 2] * y[yFrom + j + 2];
            s3 += x[xFrom + j + 3] * y[yFrom + j + 3];
        }
        for (; j < count; j++) {
            s0 += x[xFrom + j] * y[yFrom + j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
