package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.output.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On digits (64-32-10, pixels min-max scaled, fixed seed), momentum and Adam reach plain SGD's
 * final training error in fewer epochs, and early stopping keeps the best validation epoch's
 * weights.
 */
class DigitsOptimizersTest {

    private static final int EPOCHS = 20;

    @TempDir
    Path output;

    @Test
    void momentumAndAdamReachSgdsFinalErrorInFewerEpochs() throws SQLException {
        List<Double> sgd = meanErrors("sgd", "optimizer=sgd", "learning_rate=0.05");
        List<Double> momentum = meanErrors("momentum", "optimizer=momentum", "learning_rate=0.05", "momentum=0.9");
        List<Double> adam = meanErrors("adam", "optimizer=adam", "learning_rate=0.002");
        double target = sgd.get(EPOCHS - 1);

        int momentumEpochs = firstEpochReaching(momentum, target);
        int adamEpochs = firstEpochReaching(adam, target);

        String report = "sgd " + sgd + "\nmomentum " + momentum + "\nadam " + adam;
        assertTrue(momentumEpochs < EPOCHS, report);
        assertTrue(adamEpochs < EPOCHS, report);
    }

    @Test
    void earlyStoppingHaltsAnOverLongRunAndWritesTheBestEpochsWeights() throws IOException {
        Map<String, Object> stopped = train("stopped", "epochs=400", "patience=5", "learning_rate=0.2",
                "validation_fraction=0.8");

        assertEquals("early_stopping", stopped.get("stop_reason"));
        int bestEpoch = ((Number) stopped.get("best_epoch")).intValue();
        int epochs = ((Number) stopped.get("epochs")).intValue();
        assertTrue(epochs < 400, "stopped at " + epochs);
        assertEquals(bestEpoch + 5, epochs);
        assertEquals(bestEpoch, ((Number) stopped.get("weights_epoch")).intValue());
        assertEquals((Double) stopped.get("best_validation_error"), (Double) stopped.get("validation_error"), 0.0);

        train("replay", "epochs=" + bestEpoch, "learning_rate=0.2", "validation_fraction=0.8");
        assertArrayEquals(Files.readAllBytes(output.resolve("run=replay").resolve("weights.csv")),
                Files.readAllBytes(output.resolve("run=stopped").resolve("weights.csv")));
    }

    private List<Double> meanErrors(String run, String... overrides) throws SQLException {
        String[] all = Stream.concat(Stream.of(overrides), Stream.of("epochs=" + EPOCHS, "batch_size=16",
                "threads=2")).toArray(String[]::new);
        train(run, all);
        return Duck.doubles("SELECT mean_error FROM read_parquet(FILE) ORDER BY epoch",
                output.resolve("run=" + run).resolve("error_log.parquet"));
    }

    private static int firstEpochReaching(List<Double> meanErrors, double target) {
        for (int e = 0; e < meanErrors.size(); e++) {
            if (meanErrors.get(e) <= target) {
                return e + 1;
            }
        }
        return Integer.MAX_VALUE;
    }

    private Map<String, Object> train(String run, String... overrides) {
        Stream<String> sets = Stream.concat(Stream.of("run=" + run, "seed=4"), Stream.of(overrides))
                .flatMap(o -> Stream.of("--set", o));
        String[] args = Stream.concat(Stream.of("train", "conf/digits.properties", "--output", output.toString(),
                "--quiet", "--set", "hyperparameters="), sets).toArray(String[]::new);
        CommandRun result = CommandRun.of(args);
        assertEquals(0, result.exitCode(), result.stderr());
        return JsonFiles.read(output.resolve("run=" + run).resolve("summary.json"));
    }
}
