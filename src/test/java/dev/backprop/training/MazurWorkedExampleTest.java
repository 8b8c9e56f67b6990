package dev.backprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.network.ForwardPass;
import dev.backprop.network.Loss;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every number printed in M. Mazur's "A Step by Step Backpropagation Example" (2015), to the nine
 * significant digits the post gives. The post rounds its printed values, so each is compared with
 * an absolute tolerance of half a unit in its last printed digit.
 */
class MazurWorkedExampleTest {

    private static final double[] PARAMETERS = MazurExample.initialParameters();

    private static double[] forwardActivations() {
        ForwardPass pass = new ForwardPass(MazurExample.ARCHITECTURE);
        double[] activations = new double[pass.neuronCount()];
        activations[0] = 0.05;
        activations[1] = 0.10;
        pass.forward(PARAMETERS, activations, 0);
        return activations;
    }

    @Test
    void forwardPassMatchesThePost() {
        double[] a = forwardActivations();
        double netH1 = 0.15 * 0.05 + 0.20 * 0.10 + 0.35;

        assertEquals(0.3775, netH1, 1e-12);
        assertEquals(0.593269992, a[2], 0.5e-9);
        assertEquals(0.596884378, a[3], 0.5e-9);
        assertEquals(1.105905967, Math.log(a[4] / (1 - a[4])), 0.5e-9);
        assertEquals(0.75136507, a[4], 0.5e-8);
        assertEquals(0.772928465, a[5], 0.5e-9);
    }

    @Test
    void errorsMatchThePost() {
        double[] a = forwardActivations();
        double errorO1 = Loss.SQUARED_ERROR.error(MazurExample.ARCHITECTURE.outputActivation(), a, 4,
                new double[] {0.01}, 0, 1);
        double errorO2 = Loss.SQUARED_ERROR.error(MazurExample.ARCHITECTURE.outputActivation(), a, 5,
                new double[] {0.99}, 0, 1);

        assertEquals(0.274811083, errorO1, 0.5e-9);
        assertEquals(0.023560026, errorO2, 0.5e-9);
        assertEquals(0.298371109, errorO1 + errorO2, 0.5e-9);
    }

    @Test
    void gradientsMatchThePost() {
        try (MiniBatchTrainer trainer = new MiniBatchTrainer(MazurExample.ARCHITECTURE, MazurExample.settings(1))) {
            double[] gradient = trainer.batchGradient(PARAMETERS, MazurExample.SAMPLE, new int[] {0}, 0, 1);

            assertEquals(0.082167041, gradient[MazurExample.indexOfW(5)], 0.5e-9);
            assertEquals(0.000438568, gradient[MazurExample.indexOfW(1)], 0.5e-9);
        }
    }

    @Test
    void oneUpdateGivesThePostsNewWeights() {
        double[] parameters = PARAMETERS.clone();
        new Trainer(MazurExample.ARCHITECTURE, MazurExample.settings(1), TrainingListener.NONE)
                .train(parameters, MazurExample.SAMPLE, MazurExample.SAMPLE.select(new int[0]));

        double[] expected = {0.149780716, 0.19956143, 0.24975114, 0.29950229,
                0.35891648, 0.408666186, 0.511301270, 0.561370121};
        double[] tolerance = {0.5e-9, 0.5e-8, 0.5e-8, 0.5e-8, 0.5e-8, 0.5e-9, 0.5e-9, 0.5e-9};
        for (int n = 1; n <= 8; n++) {
            assertEquals(expected[n - 1], parameters[MazurExample.indexOfW(n)], tolerance[n - 1], "w" + n);
        }
        assertEquals(0.35, parameters[MazurExample.ARCHITECTURE.biasIndex(1, 0)], 0.0, "b1 is never updated");
    }

    @Test
    void tenThousandUpdatesReachTheExactDoubleErrors() {
        List<LogEntry> log = new ArrayList<>();
        new Trainer(MazurExample.ARCHITECTURE, MazurExample.settings(10_000), log::add)
                .train(PARAMETERS.clone(), MazurExample.SAMPLE, MazurExample.SAMPLE.select(new int[0]));

        // Exact double arithmetic; the post prints 0.291027924 for step 2, which cannot be reproduced.
        assertEquals(10_000, log.size());
        assertEquals(0.2983711087600027, log.get(0).error(), 1e-12);
        assertEquals(0.29102777369359933, log.get(1).error(), 1e-12);
        assertEquals(3.510854812251261e-05, log.get(9_999).error(), 1e-12);
        assertEquals(10_000, log.get(9_999).step());
    }
}
