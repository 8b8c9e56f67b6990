package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One job at a time per output folder: a second job exits with code 5 naming the holder, or waits
 * with {@code --wait}; a lock left by a dead job is taken over.
 */
class OutputLockTest {

    private static final String XOR_JOB = Path.of("conf/xor.properties").toAbsolutePath().toString();

    @TempDir
    Path folder;

    private Path output() {
        return folder.resolve("out");
    }

    @Test
    void secondJobExitsFiveNamingTheHolderThenWaitsForItWithWait() throws Exception {
        // The child trains for a second or two after taking the lock.
        ChildJob first = ChildJob.start(folder, "train", XOR_JOB, "--output", output().toString(),
                "--set", "epochs=150000");
        assertTrue(first.awaitLine("run xor: training", 30_000), first.stderr());

        CommandRun refused = CommandRun.of("train", XOR_JOB, "--output", output().toString(), "--quiet");
        boolean isFirstStillRunning = first.isAlive();
        CommandRun waited = CommandRun.of("train", XOR_JOB, "--output", output().toString(), "--quiet",
                "--set", "epochs=10", "--wait=60");
        // "done" is logged just before the lock is released; the JVM may live on a moment after.
        boolean isFirstDoneBeforeWaiterFinished = first.stderr().contains("done: 1 run(s) written");

        assertTrue(isFirstStillRunning, "the test needs the first job to outlive the second's attempt");
        assertEquals(ExitCode.LOCKED, refused.exitCode(), refused.stderr());
        assertTrue(refused.stderr().contains("is locked by another job: pid " + first.pid() + " on host "),
                refused.stderr());
        assertTrue(refused.stderr().contains(", started 20"), refused.stderr());
        assertTrue(refused.stderr().contains("use --wait"), refused.stderr());
        assertEquals(1, refused.stderr().lines().filter(line -> line.startsWith("backprop: error: ")).count(),
                "one line: " + refused.stderr());

        assertEquals(0, first.waitFor(60), first.stderr());
        assertEquals(0, waited.exitCode(), waited.stderr());
        assertTrue(isFirstDoneBeforeWaiterFinished);
        assertEquals("10", summaryEpochs(), "the waiting job's run replaced the first job's");
    }

    private String summaryEpochs() throws IOException {
        String summary = Files.readString(output().resolve("run=xor/summary.json"));
        int at = summary.indexOf("\"epochs\" : ");
        return summary.substring(at + 11, summary.indexOf(',', at)).replace("\"", "");
    }

    @Test
    void jobInThisProcessHoldingTheLockRefusesOthersAndGivesUpAfterTheWait() {
        try (OutputLock held = OutputLock.acquire(output(), Optional.empty())) {
            CommandRun refused = CommandRun.of("train", XOR_JOB, "--output", output().toString());
            CommandRun gaveUp = CommandRun.of("train", XOR_JOB, "--output", output().toString(), "--wait=1");

            assertEquals(ExitCode.LOCKED, refused.exitCode(), refused.stderr());
            assertTrue(refused.stderr().contains("pid " + ProcessHandle.current().pid()), refused.stderr());
            assertEquals(ExitCode.LOCKED, gaveUp.exitCode(), gaveUp.stderr());
            assertTrue(gaveUp.stderr().contains("gave up after waiting 1 s"), gaveUp.stderr());
        }
        assertFalse(Files.exists(output().resolve("run=xor")), "no job may have written while locked");
    }

    @Test
    void lockLeftByAKilledJobIsTakenOver() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.createDirectories(output());
        Files.writeString(output().resolve(OutputLock.FILE_NAME),
                "pid=" + dead.pid() + "\nhost=somewhere\nstarted=2020-01-01T00:00:00Z\n", StandardCharsets.UTF_8);

        CommandRun result = CommandRun.of("train", XOR_JOB, "--output", output().toString(), "--set", "epochs=5");

        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("took over the lock on " + output() + " left by a job that did not"
                + " finish: pid " + dead.pid() + " on host somewhere, started 2020-01-01T00:00:00Z"), result.stderr());
        assertTrue(Files.exists(output().resolve("run=xor/weights.csv")));
        assertEquals("", Files.readString(output().resolve(OutputLock.FILE_NAME)),
                "a clean release leaves no owner behind");
    }

    @Test
    void waitWithoutSecondsParsesBeforeTheConfigArgument() {
        CommandRun result = CommandRun.of("train", "--wait", XOR_JOB, "--output", output().toString(),
                "--set", "epochs=5", "--quiet");

        assertEquals(0, result.exitCode(), result.stderr());
    }

    @Test
    void lockOnAFolderIsReleasedForTheNextJob() throws IOException {
        try (OutputLock first = OutputLock.acquire(output(), Optional.of(Duration.ZERO))) {
            assertTrue(Files.readString(first.file()).contains("pid=" + ProcessHandle.current().pid() + "\n"));
        }
        assertEquals("", Files.readString(output().resolve(OutputLock.FILE_NAME)), "owner text emptied");
        try (OutputLock second = OutputLock.acquire(output(), Optional.empty())) {
            assertTrue(Files.exists(second.file()));
        }
    }
}
