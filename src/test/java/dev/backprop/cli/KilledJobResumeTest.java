package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.output.JsonFiles;
import dev.backprop.training.CheckpointFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: a job in a child JVM is SIGKILLed (destroyForcibly) once its first checkpoint
 * is on disk; {@code --resume} then finishes the run with the weights and error log of an
 * uninterrupted run, and cleans up the killed job's temporary folder and the checkpoint.
 */
class KilledJobResumeTest {

    /** Long enough (about 1 s of training) that the kill comes well before the run ends. */
    private static final String[] RUN = {"--set", "hyperparameters=", "--set", "epochs=1000", "--set",
        "checkpoint_every=100", "--set", "log_every=25", "--quiet"};

    @TempDir
    Path folder;

    @Test
    void killedJobResumesToTheUninterruptedResult() throws IOException, InterruptedException, SQLException {
        Path killed = folder.resolve("killed");
        Path uninterrupted = folder.resolve("uninterrupted");
        Path state = killed.resolve(RunCheckpoints.FOLDER_NAME).resolve("run=1").resolve(CheckpointFolder.STATE_FILE);

        Process child = startChild(killed);
        try {
            assertTrue(awaitFile(state, child, 60_000), "no checkpoint appeared; child exit " + exitOf(child));
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(Files.exists(killed.resolve("run=1")), "killed before the run could commit");

        CommandRun resumed = CommandRun.of(args(killed, "--resume"));
        CommandRun reference = CommandRun.of(args(uninterrupted));

        assertEquals(0, resumed.exitCode(), resumed.stderr());
        assertEquals(0, reference.exitCode(), reference.stderr());
        int resumedFrom = (Integer) JsonFiles.read(killed.resolve("run=1/summary.json")).get("resumed_from_epoch");
        assertTrue(resumedFrom >= 100 && resumedFrom % 100 == 0 && resumedFrom < 1000, "resumed from " + resumedFrom);
        ResumeTest.assertSameResults(uninterrupted.resolve("run=1"), killed.resolve("run=1"));
        try (var entries = Files.list(killed)) {
            assertEquals(List.of(OutputLock.FILE_NAME, "run=1"),
                    entries.map(p -> p.getFileName().toString()).sorted().toList(),
                    "temporary folder and checkpoint cleaned up");
        }
    }

    private static Process startChild(Path out) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        // Surefire starts tests through a manifest-only jar; this property holds the real path.
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(Main.class.getName());
        command.addAll(List.of(args(out)));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static boolean awaitFile(Path file, Process child, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (Files.exists(file)) {
                return true;
            }
            Thread.sleep(1);
        }
        return Files.exists(file);
    }

    private static String exitOf(Process child) {
        return child.isAlive() ? "none (running)" : String.valueOf(child.exitValue());
    }

    private static String[] args(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "conf/iris.properties", "--output", out.toString()));
        args.addAll(List.of(RUN));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }
}
