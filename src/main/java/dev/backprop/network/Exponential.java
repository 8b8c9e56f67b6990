package dev.backprop.network;

/**
 * The exponential function used by the sigmoid, computed by a fixed sequence of IEEE operations
 * so that the scalar code here and the vector code in {@link SimdKernels} give the same bits, on
 * every JVM and processor.
 *
 * <p>{@code e^x = 2^k * e^r} with {@code k = round(x / ln 2)} and {@code |r| <= ln 2 / 2}, where
 * {@code r = x - k ln 2} is reduced with a two-part {@code ln 2}; {@code e^r = 1 + r + r^2 q(r)}
 * with {@code q} the Taylor polynomial of degree 11, evaluated by Estrin's scheme (short
 * dependency chains, so one value is not much slower than {@link Math#exp}). The result is
 * within one unit in the last place of the exact value (checked against {@link StrictMath#exp}
 * in the tests) and agrees with {@link Math#exp} on about nine values in ten; the worked
 * example's numbers are the same to the last digit with either.
 *
 * <p>Range: {@code x} below {@value #LOWEST} is taken as {@value #LOWEST} (whose exponential,
 * 3.3e-308, already leaves {@code 1 + e^x == 1}); from about 709.44 on the result is
 * {@code +Infinity} (the exact value is above 1.2e308 there), so the sigmoid of any net input
 * below -709.44 is exactly 0 and of any above 708 exactly 1. NaN gives NaN.
 */
final class Exponential {

    /** Lowest argument computed; smaller ones are raised to it. */
    static final double LOWEST = -708.0;

    /** Highest argument computed; larger ones are lowered to it, which gives {@code +Infinity}. */
    static final double HIGHEST = 710.0;

    /** {@code 1.5 * 2^52}: adding it rounds to an integer kept in the low bits of the sum. */
    static final double SHIFTER = 0x1.8p52;

    /** The bits of {@link #SHIFTER} less the exponent bias, so {@code bits(t) - this = k + 1023}. */
    static final long SHIFTER_BITS_LESS_BIAS = Double.doubleToRawLongBits(SHIFTER) - 1023;

    static final double INV_LN2 = 0x1.71547652b82fep0;
    static final double LN2_HI = 0x1.62e42fefa39efp-1;
    static final double LN2_LO = 0x1.abc9e3b39803fp-56;

    /** Taylor coefficients {@code 1/n!}, {@code n = 2 .. 13}. */
    static final double C2 = 1.0 / 2;
    static final double C3 = 1.0 / 6;
    static final double C4 = 1.0 / 24;
    static final double C5 = 1.0 / 120;
    static final double C6 = 1.0 / 720;
    static final double C7 = 1.0 / 5040;
    static final double C8 = 1.0 / 40320;
    static final double C9 = 1.0 / 362880;
    static final double C10 = 1.0 / 3628800;
    static final double C11 = 1.0 / 39916800;
    static final double C12 = 1.0 / 479001600;
    static final double C13 = 1.0 / 6227020800.0;

    private Exponential() {}

    /** {@code e^x}, as described on the class. */
    static double exp(double x) {
        double clamped = x < LOWEST ? LOWEST : (x > HIGHEST ? HIGHEST : x);

        double t = Math.fma(clamped, INV_LN2, SHIFTER);
        double k = t - SHIFTER;
        double r = Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, clamped));

        double r2 = r * r;
        double r4 = r2 * r2;
        double r8 = r4 * r4;
        double low = Math.fma(Math.fma(C5, r, C4), r2, Math.fma(C3, r, C2));
        double middle = Math.fma(Math.fma(C9, r, C8), r2, Math.fma(C7, r, C6));
        double high = Math.fma(Math.fma(C13, r, C12), r2, Math.fma(C11, r, C10));
        double q = Math.fma(high, r8, Math.fma(middle, r4, low));
        double s = Math.fma(q * r, r, r);

        double scale = Double.longBitsToDouble((Double.doubleToRawLongBits(t) - SHIFTER_BITS_LESS_BIAS) << 52);
        return (1.0 + s) * scale;
    }

    /** The logistic sigmoid {@code 1 / (1 + e^-net)} with this exponential. */
    static double sigmoid(double net) {
        return 1.0 / (1.0 + exp(-net));
    }
}
