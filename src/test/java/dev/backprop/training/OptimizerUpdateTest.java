package dev.backprop.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.network.Loss;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each optimizer's updates on the worked example's 2-2-2 network equal its rule applied by hand
 * to the hand-derived gradient ({@link HandGradient}), per sample and for a mini-batch of two
 * rows, for three updates (so that velocities, moments and step sizes carry over).
 *
 * <p>Tolerance: 1e-12 absolute; the hand computation sums in a different order than the network,
 * so the last bits may differ, but any wrong rule is off by far more.
 */
class OptimizerUpdateTest {

    private static final double TOLERANCE = 1e-12;
    private static final double LEARNING_RATE = 0.5;
    private static final int UPDATES = 3;

    /** The post's sample and a second one with other targets, as {i1, i2, t1, t2}. */
    private static final double[][] SAMPLES = {{0.05, 0.10, 0.01, 0.99}, {0.90, 0.30, 0.70, 0.20}};

    /** A hand-written update rule over the hand layout; {@code state} is scratch of 3 x 12. */
    private interface HandRule {
        void apply(double[] p, double[] g, double[][] state, int t);
    }

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of(OptimizerSettings.Kind.SGD, (HandRule) (p, g, s, t) -> {
                    for (int k = 0; k < 12; k++) {
                        p[k] -= LEARNING_RATE * g[k];
                    }
                }),
                Arguments.of(OptimizerSettings.Kind.MOMENTUM, (HandRule) (p, g, s, t) -> {
                    for (int k = 0; k < 12; k++) {
                        s[0][k] = 0.9 * s[0][k] + g[k];
                        p[k] -= LEARNING_RATE * s[0][k];
                    }
                }),
                Arguments.of(OptimizerSettings.Kind.NESTEROV, (HandRule) (p, g, s, t) -> {
                    for (int k = 0; k < 12; k++) {
                        s[0][k] = 0.9 * s[0][k] + g[k];
                        p[k] -= LEARNING_RATE * (g[k] + 0.9 * s[0][k]);
                    }
                }),
                Arguments.of(OptimizerSettings.Kind.ADAM, (HandRule) (p, g, s, t) -> {
                    for (int k = 0; k < 12; k++) {
                        s[0][k] = 0.9 * s[0][k] + 0.1 * g[k];
                        s[1][k] = 0.999 * s[1][k] + 0.001 * g[k] * g[k];
                        double mHat = s[0][k] / (1 - Math.pow(0.9, t));
                        double vHat = s[1][k] / (1 - Math.pow(0.999, t));
                        p[k] -= LEARNING_RATE * mHat / (Math.sqrt(vHat) + 1e-8);
                    }
                }),
                Arguments.of(OptimizerSettings.Kind.RPROP, (HandRule) (p, g, s, t) -> {
                    for (int k = 0; k < 12; k++) {
                        double step = t == 1 ? 0.1 : s[0][k];
                        double gk = g[k];
                        if (gk * s[1][k] > 0) {
                            step = Math.min(step * 1.2, 50);
                        } else if (gk * s[1][k] < 0) {
                            step = Math.max(step * 0.5, 0);
                            gk = 0;
                        }
                        p[k] -= Math.signum(gk) * step;
                        s[0][k] = step;
                        s[1][k] = gk;
                    }
                }));
    }

    @Test
    void handGradientReproducesThePostsGradients() {
        double[] g = HandGradient.of(HandGradient.fromFlat(MazurExample.initialParameters()), 0.05, 0.10, 0.01, 0.99);

        // dE/dw1 .. dE/dw8 as printed in the post, to half a unit in the last printed digit
        assertArrayEquals(new double[] {0.000438568, 0.000877135, 0.000497713, 0.000995425, 0.082167041,
            0.082667628, -0.022602540, -0.022740242}, java.util.Arrays.copyOf(g, 8), 0.5e-9);
    }

    @ParameterizedTest(name = "{0} per sample")
    @MethodSource("optimizers")
    void perSampleUpdatesFollowTheRule(OptimizerSettings.Kind kind, HandRule rule) {
        double[][] samples = {SAMPLES[0]};
        double[] actual = train(kind, samples, 1);

        assertArrayEquals(byHand(rule, samples), HandGradient.fromFlat(actual), TOLERANCE);
    }

    @ParameterizedTest(name = "{0} mini-batch of two")
    @MethodSource("optimizers")
    void miniBatchUpdatesFollowTheRuleOnTheMeanGradient(OptimizerSettings.Kind kind, HandRule rule) {
        double[] actual = train(kind, SAMPLES, 2);

        assertArrayEquals(byHand(rule, SAMPLES), HandGradient.fromFlat(actual), TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void frozenBiasesStayFixedUnderEveryOptimizer(OptimizerSettings.Kind kind, HandRule rule) {
        TrainingSettings settings = settings(kind, 2).toBuilder().updateBiases(false).build();
        double[] parameters = MazurExample.initialParameters();
        new Trainer(MazurExample.ARCHITECTURE, settings, TrainingListener.NONE)
                .train(parameters, examples(SAMPLES), examples(new double[0][]));

        double[] hand = HandGradient.fromFlat(parameters);
        assertEquals(0.35, hand[8], 0.0);
        assertEquals(0.35, hand[9], 0.0);
        assertEquals(0.60, hand[10], 0.0);
        assertEquals(0.60, hand[11], 0.0);
    }

    private static double[] byHand(HandRule rule, double[][] samples) {
        double[] p = HandGradient.fromFlat(MazurExample.initialParameters());
        double[][] state = new double[3][12];
        for (int t = 1; t <= UPDATES; t++) {
            rule.apply(p, HandGradient.mean(p, samples), state, t);
        }
        return p;
    }

    private static double[] train(OptimizerSettings.Kind kind, double[][] samples, int batchSize) {
        double[] parameters = MazurExample.initialParameters();
        new Trainer(MazurExample.ARCHITECTURE, settings(kind, batchSize), TrainingListener.NONE)
                .train(parameters, examples(samples), examples(new double[0][]));
        return parameters;
    }

    static TrainingSettings settings(OptimizerSettings.Kind kind, int batchSize) {
        return TrainingSettings.builder().learningRate(LEARNING_RATE).epochs(UPDATES).batchSize(batchSize)
                .shuffle(false).loss(Loss.SQUARED_ERROR).optimizer(OptimizerSettings.of(kind)).build();
    }

    /** Examples from rows of {i1, i2, t1, t2}. */
    static Examples examples(double[][] rows) {
        double[] features = new double[rows.length * 2];
        double[] targets = new double[rows.length * 2];
        for (int r = 0; r < rows.length; r++) {
            features[2 * r] = rows[r][0];
            features[2 * r + 1] = rows[r][1];
            targets[2 * r] = rows[r][2];
            targets[2 * r + 1] = rows[r][3];
        }
        return new Examples(rows.length, 2, 2, features, targets);
    }
}
