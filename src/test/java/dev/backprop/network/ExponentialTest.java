package dev.backprop.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The project's exponential is within one unit in the last place of {@link StrictMath#exp}, has
 * the documented range, and its vector form gives the same bits as the scalar one.
 */
class ExponentialTest {

    private final SplittableRandom random = new SplittableRandom(2026L);

    @Test
    void withinOneUlpOfStrictMathOverTheWholeRange() {
        double worst = 0.0;
        int exact = 0;
        int count = 200_000;
        for (int i = 0; i < count; i++) {
            double x = i % 2 == 0 ? random.nextDouble(-708.0, 709.4) : random.nextDouble(-2.0, 2.0);
            double reference = StrictMath.exp(x);
            double ours = Exponential.exp(x);
            worst = Math.max(worst, Math.abs(ours - reference) / Math.ulp(reference));
            exact += ours == reference ? 1 : 0;
        }

        assertTrue(worst <= 1.0, "worst error " + worst + " ulp");
        assertTrue(exact > 0.85 * count, exact + " of " + count + " equal to StrictMath");
    }

    @Test
    void exactWhereTheResultIsExact() {
        assertEquals(1.0, Exponential.exp(0.0), 0.0);
        assertEquals(1.0, Exponential.exp(-0.0), 0.0);
        assertEquals(0.5, Exponential.sigmoid(0.0), 0.0);
    }

    @Test
    void rangeEndsAsDocumented() {
        assertEquals(Exponential.exp(-708.0), Exponential.exp(-1000.0), 0.0);
        assertEquals(Exponential.exp(-708.0), Exponential.exp(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, Exponential.exp(709.5), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, Exponential.exp(Double.POSITIVE_INFINITY), 0.0);
        assertTrue(Double.isFinite(Exponential.exp(709.4)));
        assertTrue(Double.isNaN(Exponential.exp(Double.NaN)));

        assertEquals(1.0, Exponential.sigmoid(708.5), 0.0);
        assertEquals(0.0, Exponential.sigmoid(-709.5), 0.0);
    }

    @Test
    void vectorSigmoidEqualsScalarBitwise() {
        LayerKernels simd = LayerKernels.simd().orElse(null);
        assumeTrue(simd != null, "needs --add-modules jdk.incubator.vector");
        double[] nets = new double[1003];
        for (int i = 0; i < nets.length; i++) {
            nets[i] = switch (i % 5) {
                case 0 -> random.nextDouble(-1.0, 1.0);
                case 1 -> random.nextDouble(-40.0, 40.0);
                case 2 -> random.nextDouble(-800.0, 800.0);
                case 3 -> i % 3 == 0 ? Double.NaN : (i % 3 == 1 ? -0.0 : Double.NEGATIVE_INFINITY);
                default -> random.nextDouble(-709.6, -709.3);
            };
        }
        double[] byVector = nets.clone();
        double[] byScalar = nets.clone();

        simd.activate(Activation.SIGMOID, byVector, 1, nets.length - 1);
        LayerKernels.scalar().activate(Activation.SIGMOID, byScalar, 1, nets.length - 1);

        assertArrayEquals(byScalar, byVector);
        assertEquals(nets[0], byVector[0], 0.0); // outside the slice: untouched
    }
}
