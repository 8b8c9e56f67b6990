package dev.backprop.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.Initializer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A state taken after the epoch at which early stopping or the target error ended a run ends the
 * restored run at once, with the same reason and weights, rather than training on past it. (A
 * checkpoint is saved after that epoch whenever one is due, before the trainer decides to stop.)
 */
class ResumeAtStoppingEpochTest {

    private static final Architecture XOR = new Architecture(new int[] {2, 4, 1}, Activation.SIGMOID,
            Activation.SIGMOID);

    @Test
    void stateFromTheEarlyStoppingEpochStopsAgainWithTheBestWeights() {
        // Validation rows labelled against XOR: the better the net learns XOR, the worse it gets.
        Examples validation = new Examples(4, 2, 1, new double[] {0, 0, 0, 1, 1, 0, 1, 1},
                new double[] {1, 0, 0, 1});
        TrainingSettings settings = TrainingSettings.builder().learningRate(0.5).epochs(5000).seed(1)
                .patience(20).build();

        assertResumeFromLastEpochMatches(settings, validation, StopReason.EARLY_STOPPING);
    }

    @Test
    void stateFromTheTargetErrorEpochStopsAgain() {
        TrainingSettings settings = TrainingSettings.builder().learningRate(0.5).epochs(100_000).seed(1)
                .targetError(0.01).build();

        assertResumeFromLastEpochMatches(settings, TestDatasets.xor().select(new int[0]), StopReason.TARGET_ERROR);
    }

    private static void assertResumeFromLastEpochMatches(
            TrainingSettings settings, Examples validation, StopReason expected) {
        List<TrainingState> states = new ArrayList<>();
        Trainer[] self = new Trainer[1];
        self[0] = new Trainer(XOR, settings, new TrainingListener() {
            @Override
            public void onLogEntry(LogEntry entry) {}

            @Override
            public void onEpochEnd(EpochSummary summary) {
                states.add(self[0].captureState());
            }
        });
        double[] uninterrupted = Initializer.scaledUniform(XOR, 1);
        TrainingResult full = self[0].train(uninterrupted, TestDatasets.xor(), validation);

        List<LogEntry> moreRows = new ArrayList<>();
        Trainer resumed = new Trainer(XOR, settings, moreRows::add);
        resumed.restore(states.get(states.size() - 1));
        double[] continued = new double[XOR.parameterCount()];
        TrainingResult again = resumed.train(continued, TestDatasets.xor(), validation);

        assertEquals(expected, full.stopReason());
        assertEquals(full.stopReason(), again.stopReason());
        assertEquals(full.epochs(), again.epochs());
        assertEquals(full.weightsEpoch(), again.weightsEpoch());
        assertEquals(List.of(), moreRows, "no epoch trained after the stopping one");
        assertArrayEquals(uninterrupted, continued); // Double.equals: bit patterns
    }
}
