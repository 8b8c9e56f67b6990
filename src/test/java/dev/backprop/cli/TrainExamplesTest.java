package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.output.JsonFiles;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped example jobs reach the accuracy their users expect, with fixed seeds. */
class TrainExamplesTest {

    @TempDir
    Path output;

    private Map<String, Object> train(String config, String run, String... overrides) {
        String[] args = new String[5 + 2 * overrides.length];
        args[0] = "train";
        args[1] = config;
        args[2] = "--output";
        args[3] = output.toString();
        args[4] = "--quiet";
        for (int i = 0; i < overrides.length; i++) {
            args[5 + 2 * i] = "--set";
            args[6 + 2 * i] = overrides[i];
        }
        CommandRun result = CommandRun.of(args);
        assertEquals(0, result.exitCode(), result.stderr());
        return JsonFiles.read(output.resolve("run=" + run).resolve("summary.json"));
    }

    private static double number(Map<String, Object> summary, String key) {
        return ((Number) summary.get(key)).doubleValue();
    }

    @Test
    void xorLearnsAllFourRowsForAtLeastNineOfTenSeeds() {
        int solved = 0;
        StringBuilder report = new StringBuilder();
        for (int seed = 1; seed <= 10; seed++) {
            Map<String, Object> summary = train("conf/xor.properties", "s" + seed, "seed=" + seed, "run=s" + seed);
            double error = number(summary, "final_error");
            double accuracy = number(summary, "training_accuracy");
            report.append(String.format("seed %d: error %.6f accuracy %.2f%n", seed, error, accuracy));
            if (error < 0.01 && accuracy == 1.0) {
                solved++;
            }
        }
        assertTrue(solved >= 9, report.toString());
    }

    @Test
    void irisReachesNinetyFivePercentTrainingAccuracy() {
        Map<String, Object> summary = train("conf/iris.properties", "lr0.05");

        assertTrue(number(summary, "training_accuracy") >= 0.95, summary.toString());
        assertEquals(150, number(summary, "training_rows"), 0.0);
    }

    @Test
    void digitsReachNinetyThreePercentOnTheHeldOutFifth() {
        Map<String, Object> summary = train("conf/digits.properties", "sgd");

        assertEquals(359, number(summary, "validation_rows"), 0.0); // round(0.2 * 1797)
        assertTrue(number(summary, "validation_accuracy") >= 0.93, summary.toString());
    }
}
