package dev.backprop.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.network.Loss;
import org.junit.jupiter.api.Test;

/**
 * Weight decay and gradient-norm clipping change one SGD update of the worked example exactly as
 * their formulas say, computed by hand in the test (tolerance 1e-14 absolute).
 */
class RegularizationTest {

    private static final double TOLERANCE = 1e-14;
    private static final double RATE = 0.5;

    @Test
    void weightDecayAddsLambdaTimesWeightToWeightsButNotBiases() {
        double lambda = 0.01;
        double[] p = HandGradient.fromFlat(MazurExample.initialParameters());
        double[] g = HandGradient.of(p, 0.05, 0.10, 0.01, 0.99);
        double[] expected = new double[12];
        for (int k = 0; k < 12; k++) {
            double decay = k < 8 ? lambda * p[k] : 0.0;
            expected[k] = p[k] - RATE * (g[k] + decay);
        }

        double[] actual = trainOnce(base().weightDecay(lambda));

        assertArrayEquals(expected, HandGradient.fromFlat(actual), TOLERANCE);
    }

    @Test
    void decayBiasesExtendsWeightDecayToBiases() {
        double lambda = 0.01;
        double[] p = HandGradient.fromFlat(MazurExample.initialParameters());
        double[] g = HandGradient.of(p, 0.05, 0.10, 0.01, 0.99);

        double[] actual = HandGradient.fromFlat(trainOnce(base().weightDecay(lambda).decayBiases(true)));

        assertEquals(p[10] - RATE * (g[10] + lambda * p[10]), actual[10], TOLERANCE);
    }

    @Test
    void clippingScalesTheWholeGradientToTheNorm() {
        double clip = 0.01;
        double[] p = HandGradient.fromFlat(MazurExample.initialParameters());
        double[] g = HandGradient.of(p, 0.05, 0.10, 0.01, 0.99);
        double norm = 0.0;
        for (double value : g) {
            norm += value * value;
        }
        norm = Math.sqrt(norm);
        double[] expected = new double[12];
        for (int k = 0; k < 12; k++) {
            expected[k] = p[k] - RATE * g[k] * clip / norm;
        }

        double[] actual = trainOnce(base().clipNorm(clip));

        assertArrayEquals(expected, HandGradient.fromFlat(actual), TOLERANCE);
    }

    @Test
    void sgdThroughTheGeneralPathEqualsTheFusedWorkedExampleBitwise() {
        // A clip norm far above the gradient's leaves it unscaled but leaves the fused fast path.
        TrainingSettings fused = MazurExample.settings(50);
        TrainingSettings general = fused.toBuilder().clipNorm(1e9).build();
        double[] fusedParameters = MazurExample.initialParameters();
        double[] generalParameters = MazurExample.initialParameters();

        new Trainer(MazurExample.ARCHITECTURE, fused, TrainingListener.NONE)
                .train(fusedParameters, MazurExample.SAMPLE, MazurExample.SAMPLE.select(new int[0]));
        new Trainer(MazurExample.ARCHITECTURE, general, TrainingListener.NONE)
                .train(generalParameters, MazurExample.SAMPLE, MazurExample.SAMPLE.select(new int[0]));

        assertArrayEquals(fusedParameters, generalParameters); // Double.equals: bit patterns
    }

    private static TrainingSettings.Builder base() {
        return TrainingSettings.builder().learningRate(RATE).epochs(1).shuffle(false).loss(Loss.SQUARED_ERROR);
    }

    private static double[] trainOnce(TrainingSettings.Builder settings) {
        double[] parameters = MazurExample.initialParameters();
        new Trainer(MazurExample.ARCHITECTURE, settings.build(), TrainingListener.NONE)
                .train(parameters, MazurExample.SAMPLE, MazurExample.SAMPLE.select(new int[0]));
        return parameters;
    }
}
