package dev.backprop.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.Initializer;
import dev.backprop.network.Loss;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Early stopping, best-weight restoration and the target error. */
class EarlyStoppingTest {

    private static final Architecture XOR = new Architecture(new int[] {2, 4, 1}, Activation.SIGMOID,
            Activation.SIGMOID);

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBestWeights() {
        // Validation rows labelled against XOR: the better the net learns XOR, the worse it gets.
        Examples validation = new Examples(4, 2, 1, new double[] {0, 0, 0, 1, 1, 0, 1, 1},
                new double[] {1, 0, 0, 1});
        TrainingSettings settings = TrainingSettings.builder().learningRate(0.5).epochs(5000).seed(1)
                .patience(20).build();
        List<LogEntry> log = new ArrayList<>();
        double[] parameters = Initializer.scaledUniform(XOR, 1);

        TrainingResult result = new Trainer(XOR, settings, log::add).train(parameters, TestDatasets.xor(), validation);

        assertEquals(StopReason.EARLY_STOPPING, result.stopReason());
        assertTrue(result.epochs() < 5000, "stopped at " + result.epochs());
        assertEquals(result.bestEpoch() + 20, result.epochs());
        assertEquals(result.bestEpoch(), result.weightsEpoch());
        double best = log.stream().mapToDouble(LogEntry::validationError).min().orElseThrow();
        assertEquals(best, result.bestValidationError(), 0.0);
        assertEquals(best, Evaluation.of(XOR, parameters, validation, Loss.SQUARED_ERROR).error(), 0.0);
        assertArrayEquals(weightsAfter(result.bestEpoch(), settings), parameters);
    }

    @Test
    void stopsAtTheTargetErrorLikeFannsDesiredError() {
        TrainingSettings settings = TrainingSettings.builder().learningRate(0.5).epochs(100_000).seed(1)
                .targetError(0.01).build();
        List<LogEntry> log = new ArrayList<>();

        TrainingResult result = new Trainer(XOR, settings, log::add)
                .train(Initializer.scaledUniform(XOR, 1), TestDatasets.xor(), TestDatasets.xor().select(new int[0]));

        assertEquals(StopReason.TARGET_ERROR, result.stopReason());
        assertTrue(result.finalMeanError() <= 0.01);
        assertTrue(log.get(log.size() - 2).meanError() > 0.01, "the epoch before had not reached it");
        assertEquals(result.epochs(), log.get(log.size() - 1).epoch());
    }

    @Test
    void patienceWithoutValidationRowsIsRefused() {
        TrainingSettings settings = TrainingSettings.builder().patience(3).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(XOR, settings,
                TrainingListener.NONE).train(Initializer.scaledUniform(XOR, 1), TestDatasets.xor(),
                TestDatasets.xor().select(new int[0])));
        assertTrue(e.getMessage().startsWith("patience=3 needs validation rows"), e.getMessage());
    }

    private static double[] weightsAfter(int epochs, TrainingSettings settings) {
        double[] parameters = Initializer.scaledUniform(XOR, 1);
        new Trainer(XOR, settings.toBuilder().epochs(epochs).patience(0).build(), TrainingListener.NONE)
                .train(parameters, TestDatasets.xor(), TestDatasets.xor().select(new int[0]));
        return parameters;
    }
}
