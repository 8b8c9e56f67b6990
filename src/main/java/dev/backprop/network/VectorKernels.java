package dev.backprop.network;

/**
 * The loops that all of training and prediction spend their time in, written so that the
 * JIT can compile them well.
 *
 * <p>All work on contiguous slices of flat {@code double} arrays and are bitwise deterministic:
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
     * {@code y[yFrom + j] = y[yFrom + j] + a0 * x[x0 + j] + a1 * x[x1 + j] + a2 * x[x2 + j] + a3 * x[x3 + j]}
     * for {@code 0 <= j < count}, added left to right.
     *
     * <p>Java rounds each addition in program order, so this gives bitwise the same {@code y} as
     * four {@link #addScaled} calls in the order 0, 1, 2, 3, while loading and storing {@code y}
     * once instead of four times: the loop is then bound by arithmetic rather than by the stores.
     * The eight scalar parameters are the kernel's operands, kept flat so the JIT holds them in
     * registers.
     */
    public static void addScaled4(
            double a0, int x0, double a1, int x1, double a2, int x2, double a3, int x3, double[] x, double[] y,
            int yFrom, int count) {
        for (int j = 0; j < count; j++) {
            y[yFrom + j] = y[yFrom + j] + a0 * x[x0 + j] + a1 * x[x1 + j] + a2 * x[x2 + j] + a3 * x[x3 + j];
        }
    }

    /**
     * {@code yr[j] += ar * x[xFrom + j]} for the four rows {@code r = 0..3} and {@code 0 <= j < count}:
     * four rows of an outer product {@code a x^T}, each {@code x} element loaded once for all four.
     * Each row receives exactly the rounding of one {@link #addScaled} call.
     */
    public static void addOuter4(
            double[] x, int xFrom, double a0, double a1, double a2, double a3, double[] y0, double[] y1, double[] y2,
            double[] y3, int count) {
        for (int j = 0; j < count; j++) {
            double xj = x[xFrom + j];
            y0[j] += a0 * xj;
            y1[j] += a1 * xj;
            y2[j] += a2 * xj;
            y3[j] += a3 * xj;
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
