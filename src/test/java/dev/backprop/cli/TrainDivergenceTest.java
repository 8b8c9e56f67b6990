package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose error becomes infinite or NaN stops with a message naming epoch and step and
 * suggesting a smaller learning rate; its outputs are not committed, the job's other runs still
 * train, and the job exits with code 1.
 */
class TrainDivergenceTest {

    @TempDir
    Path folder;

    @Test
    void divergedRunIsReportedAndNotCommittedWhileTheOtherRunsComplete() throws IOException {
        Files.writeString(folder.resolve("train.csv"), "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");
        Files.writeString(folder.resolve("hp.csv"), "run,learning_rate\nboom,1e300\nfine,0.1\n");
        // Identity activations do not saturate, so a huge step makes the outputs overflow.
        Path job = folder.resolve("job.properties");
        Files.writeString(job, "data = train.csv\ntargets = y\nlayers = 2,3,1\nactivation = identity\n"
                + "output = out\nepochs = 50\nhyperparameters = hp.csv\nshuffle = false\n");

        CommandRun result = CommandRun.of("train", job.toString());

        assertEquals(ExitCode.DIVERGED, result.exitCode(), result.stderr());
        assertTrue(result.stderr().matches("(?s).*run boom: training diverged at epoch 1, step \\d+: the error became"
                + " (Infinity|NaN); try a smaller learning_rate than 1\\.0E300.*"), result.stderr());
        assertTrue(result.stderr().contains("1 of 2 run(s) diverged; their outputs were not written"),
                result.stderr());
        assertFalse(result.stderr().contains("\tat "), "no stack trace without --verbose");
        try (Stream<Path> entries = Files.list(folder.resolve("out"))) {
            assertEquals(List.of(".backprop.lock", "run=fine"),
                    entries.map(path -> path.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.exists(folder.resolve("out/run=fine/weights.parquet")));
    }
}
