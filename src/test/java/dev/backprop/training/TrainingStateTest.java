package dev.backprop.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.Initializer;
import dev.backprop.network.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A state taken after epoch 4 of a 10-epoch run and restored into a fresh trainer continues to
 * bitwise the same weights and error log as the uninterrupted run, for every optimizer, with a
 * cosine schedule, weight decay, clipping, validation tracking and log rows that span epochs.
 */
class TrainingStateTest {

    private static final Architecture IRIS = new Architecture(new int[] {4, 6, 3}, Activation.TANH,
            Activation.SOFTMAX);
    private static final int EPOCHS = 10;
    private static final int CUT = 4;

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (OptimizerSettings.Kind kind : OptimizerSettings.Kind.values()) {
            runs.add(Arguments.of(kind, 1));
            runs.add(Arguments.of(kind, 32));
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0}, batch {1}")
    @MethodSource("runs")
    void restoredRunContinuesBitwiseLikeTheUninterruptedOne(OptimizerSettings.Kind kind, int batchSize) {
        TrainingSettings settings = settings(kind, batchSize);
        Examples[] data = irisSplit();

        List<LogEntry> fullLog = new ArrayList<>();
        TrainingState[] atCut = new TrainingState[1];
        Trainer[] self = new Trainer[1];
        TrainingListener capture = new TrainingListener() {
            @Override
            public void onLogEntry(LogEntry entry) {
                fullLog.add(entry);
            }

            @Override
            public void onEpochEnd(EpochSummary summary) {
                if (summary.epoch() == CUT) {
                    atCut[0] = self[0].captureState();
                }
            }
        };
        self[0] = new Trainer(IRIS, settings, capture);
        double[] full = Initializer.scaledUniform(IRIS, 3);
        TrainingResult fullResult = self[0].train(full, data[0], data[1]);

        List<LogEntry> resumedLog = new ArrayList<>();
        Trainer resumed = new Trainer(IRIS, settings, resumedLog::add);
        resumed.restore(atCut[0]);
        double[] continued = new double[IRIS.parameterCount()];
        TrainingResult resumedResult = resumed.train(continued, data[0], data[1]);

        assertArrayEquals(full, continued, "parameters"); // Double.equals: bit patterns
        List<LogEntry> tail = fullLog.stream().filter(e -> e.step() > atCut[0].step()).toList();
        assertEquals(withoutTime(tail), withoutTime(resumedLog));
        assertEquals(fullResult.steps(), resumedResult.steps());
        assertEquals(fullResult.bestEpoch(), resumedResult.bestEpoch());
        assertEquals(Double.doubleToLongBits(fullResult.finalError()),
                Double.doubleToLongBits(resumedResult.finalError()));
    }

    @Test
    void stateCannotBeTakenBeforeTraining() {
        Trainer trainer = new Trainer(IRIS, settings(OptimizerSettings.Kind.ADAM, 1), TrainingListener.NONE);

        assertThrows(IllegalStateException.class, trainer::captureState);
    }

    @Test
    void stateOfAnotherOptimizerIsRefused() {
        Examples[] data = irisSplit();
        Trainer adam = new Trainer(IRIS, settings(OptimizerSettings.Kind.ADAM, 1), TrainingListener.NONE);
        adam.train(Initializer.scaledUniform(IRIS, 3), data[0], data[1]);
        Trainer sgd = new Trainer(IRIS, settings(OptimizerSettings.Kind.SGD, 1), TrainingListener.NONE);
        sgd.restore(adam.captureState());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sgd.train(new double[IRIS.parameterCount()], data[0], data[1]));
        assertEquals("training state holds 2 optimizer arrays but optimizer=sgd has 0", e.getMessage());
    }

    private static TrainingSettings settings(OptimizerSettings.Kind kind, int batchSize) {
        double rate = kind == OptimizerSettings.Kind.ADAM ? 0.01 : 0.05;
        return TrainingSettings.builder().learningRate(rate).epochs(EPOCHS).batchSize(batchSize).threads(2)
                .chunkSize(8).logEvery(7).seed(11).loss(Loss.CROSS_ENTROPY)
                .optimizer(OptimizerSettings.of(kind))
                .schedule(new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 1, 0.1, 0.001))
                .weightDecay(1e-4).clipNorm(5.0).patience(100).build();
    }

    /** Iris rows 0..119 for training, 120..149 for validation (every fifth row). */
    private static Examples[] irisSplit() {
        Examples iris = TestDatasets.iris();
        int[] training = new int[120];
        int[] validation = new int[30];
        for (int r = 0, t = 0, v = 0; r < 150; r++) {
            if (r % 5 == 4) {
                validation[v++] = r;
            } else {
                training[t++] = r;
            }
        }
        return new Examples[] {iris.select(training), iris.select(validation)};
    }

    private static List<String> withoutTime(List<LogEntry> log) {
        return log.stream().map(e -> e.epoch() + " " + e.step() + " " + e.samplesSeen() + " "
                + Double.doubleToLongBits(e.error()) + " " + Double.doubleToLongBits(e.validationError()) + " "
                + Double.doubleToLongBits(e.learningRate())).toList();
    }
}
