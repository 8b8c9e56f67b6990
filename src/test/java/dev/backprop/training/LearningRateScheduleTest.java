package dev.backprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.network.Loss;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Learning-rate schedules give PyTorch's rates and the error log shows the rate in effect. */
class LearningRateScheduleTest {

    private static final double TOLERANCE = 1e-15;

    @ParameterizedTest(name = "{0} epoch {1}")
    @CsvSource({
        "CONSTANT, 1, 0.4", "CONSTANT, 10, 0.4",
        "STEP, 1, 0.4", "STEP, 3, 0.4", "STEP, 4, 0.2", "STEP, 7, 0.1", "STEP, 10, 0.05",
        "EXPONENTIAL, 1, 0.4", "EXPONENTIAL, 2, 0.2", "EXPONENTIAL, 4, 0.05",
        // cosine over 10 epochs from 0.4 to 0.1: 0.1 + 0.3 * (1 + cos(pi * (e - 1) / 10)) / 2
        "COSINE, 1, 0.4", "COSINE, 6, 0.25", "COSINE, 10, 0.10734152255572697"
    })
    void ratesFollowTheFormula(LearningRateSchedule.Kind kind, int epoch, double expected) {
        LearningRateSchedule schedule = new LearningRateSchedule(kind, 3, 0.5, 0.1);

        assertEquals(expected, schedule.rateAt(0.4, epoch, 10), TOLERANCE);
    }

    @Test
    void errorLogShowsTheRateOfEachEpoch() {
        LearningRateSchedule schedule = new LearningRateSchedule(LearningRateSchedule.Kind.EXPONENTIAL, 1, 0.5, 0);
        TrainingSettings settings = TrainingSettings.builder().learningRate(0.8).epochs(4).shuffle(false)
                .loss(Loss.SQUARED_ERROR).schedule(schedule).build();
        List<LogEntry> log = new ArrayList<>();

        new Trainer(MazurExample.ARCHITECTURE, settings, log::add).train(MazurExample.initialParameters(),
                MazurExample.SAMPLE, MazurExample.SAMPLE.select(new int[0]));

        assertEquals(List.of(0.8, 0.4, 0.2, 0.1), log.stream().map(LogEntry::learningRate).toList());
    }

    @Test
    void aDecayingRateMovesTheWeightsLessThanAConstantOne() {
        double[] constant = trainMazur(LearningRateSchedule.CONSTANT);
        double[] cosine = trainMazur(new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 1, 0.1, 0.0));
        double[] start = MazurExample.initialParameters();
        int w5 = MazurExample.indexOfW(5);

        assertTrue(Math.abs(cosine[w5] - start[w5]) < Math.abs(constant[w5] - start[w5]));
    }

    @Test
    void rejectsCosineMinimumAboveTheRate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingSettings.builder().learningRate(0.1)
                        .schedule(new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 1, 0.1, 0.5)).build());

        assertTrue(e.getMessage().contains("lr_min") && e.getMessage().contains("0.5"), e.getMessage());
    }

    private static double[] trainMazur(LearningRateSchedule schedule) {
        TrainingSettings settings = TrainingSettings.builder().learningRate(0.5).epochs(20).shuffle(false)
                .loss(Loss.SQUARED_ERROR).schedule(schedule).build();
        double[] parameters = MazurExample.initialParameters();
        new Trainer(MazurExample.ARCHITECTURE, settings, TrainingListener.NONE)
                .train(parameters, MazurExample.SAMPLE, MazurExample.SAMPLE.select(new int[0]));
        return parameters;
    }
}
