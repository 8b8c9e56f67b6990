package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.output.JsonFiles;
import dev.backprop.output.WeightsFile;
import dev.backprop.training.CheckpointFolder;
import dev.backprop.training.TrainingState;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --resume} after a run was stopped right after a checkpoint (in-process, by a hook that
 * throws as a kill would stop it): the finished run's weights and error log are bitwise those of
 * an uninterrupted run; complete runs are skipped; checkpoints of other settings are refused;
 * diverged runs keep their last good checkpoint.
 */
class ResumeTest {

    /** Per-sample SGD, reshuffled each epoch, error-log rows every 7 updates (rows span epochs). */
    private static final String SGD_SHUFFLED = "--set batch_size=1 --set shuffle=true --set log_every=7"
            + " --set learning_rate=0.05";

    /** Mini-batch Adam on two threads with a cosine schedule, validation split and early-stopping watch. */
    private static final String ADAM_MINI_BATCH = "--set optimizer=adam --set learning_rate=0.01 --set batch_size=16"
            + " --set threads=2 --set chunk_size=4 --set lr_schedule=cosine --set validation_fraction=0.2"
            + " --set patience=50";

    @TempDir
    Path folder;

    @AfterEach
    void restoreHook() {
        RunCheckpoints.afterSave = checkpoint -> {};
    }

    @ParameterizedTest
    @ValueSource(strings = {SGD_SHUFFLED, ADAM_MINI_BATCH})
    void resumedRunEndsBitwiseLikeTheUninterruptedOne(String settings) throws IOException, SQLException {
        Path uninterrupted = folder.resolve("uninterrupted");
        Path resumed = folder.resolve("resumed");
        train(uninterrupted, settings);

        stopAfterCheckpointOfEpoch(8, resumed, settings);
        assertTrue(Files.exists(checkpointOf(resumed, "1").resolve(CheckpointFolder.STATE_FILE)));
        assertFalse(Files.exists(resumed.resolve("run=1")), "the stopped run committed nothing");
        train(resumed, settings + " --resume");

        assertSameResults(uninterrupted.resolve("run=1"), resumed.resolve("run=1"));
        assertEquals(8, summary(resumed, "1").get("resumed_from_epoch"));
        assertEquals(0, summary(uninterrupted, "1").get("resumed_from_epoch"));
        assertEquals(summary(uninterrupted, "1").get("fingerprint"), summary(resumed, "1").get("fingerprint"));
        assertFalse(Files.exists(resumed.resolve(RunCheckpoints.FOLDER_NAME)), "checkpoints deleted after commit");
    }

    @Test
    void completeRunsAreSkippedAndOnlyTheStoppedOneContinues() throws IOException, SQLException {
        Path uninterrupted = folder.resolve("uninterrupted");
        Path resumed = folder.resolve("resumed");
        String twoRuns = "--set hyperparameters=conf/iris-hyperparameters.csv";
        train(uninterrupted, twoRuns);
        // Saves come after epochs 4, 8 and 12 of the first run, then 4 and 8 of the second.
        AtomicInteger saves = new AtomicInteger();
        RunCheckpoints.afterSave = checkpoint -> {
            if (saves.incrementAndGet() == 5) {
                throw new SimulatedKill();
            }
        };
        assertSimulatedKill(CommandRun.of(args(resumed, twoRuns)));
        RunCheckpoints.afterSave = checkpoint -> {};
        byte[] firstSummary = Files.readAllBytes(resumed.resolve("run=lr0.05/summary.json"));

        train(resumed, twoRuns + " --resume");

        assertArrayEquals(firstSummary, Files.readAllBytes(resumed.resolve("run=lr0.05/summary.json")),
                "the complete run was not trained again");
        assertEquals(8, summary(resumed, "lr0.01").get("resumed_from_epoch"));
        assertSameResults(uninterrupted.resolve("run=lr0.01"), resumed.resolve("run=lr0.01"));
        assertSameResults(uninterrupted.resolve("run=lr0.05"), resumed.resolve("run=lr0.05"));
    }

    @Test
    void checkpointOfOtherSettingsIsRefusedWithExitCode2() {
        Path out = folder.resolve("out");
        stopAfterCheckpointOfEpoch(4, out, "");

        CommandRun result = CommandRun.of(args(out, "--resume --set learning_rate=0.02"));

        assertEquals(ExitCode.CONFIG_ERROR, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("backprop: error: run 1: the checkpoint in " + checkpointOf(out, "1")
                + " was saved with other settings or data (fingerprint "), result.stderr());
        assertTrue(result.stderr().contains("run without --resume to start the run afresh"), result.stderr());
        assertTrue(Files.exists(checkpointOf(out, "1").resolve(CheckpointFolder.STATE_FILE)), "checkpoint kept");
    }

    @Test
    void completeOutputOfOtherSettingsIsRefusedWithExitCode2() {
        Path out = folder.resolve("out");
        train(out, "");

        CommandRun result = CommandRun.of(args(out, "--resume --set epochs=13"));

        assertEquals(ExitCode.CONFIG_ERROR, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("backprop: error: run 1: " + out.resolve("run=1")
                + " holds the outputs of other settings or data"), result.stderr());
    }

    @Test
    void settingsThatDoNotChangeResultsMayDifferOnResume() throws IOException, SQLException {
        Path uninterrupted = folder.resolve("uninterrupted");
        Path resumed = folder.resolve("resumed");
        train(uninterrupted, ADAM_MINI_BATCH);
        stopAfterCheckpointOfEpoch(4, resumed, ADAM_MINI_BATCH);

        train(resumed, ADAM_MINI_BATCH + " --resume --set threads=1 --set compression=gzip --set checkpoint_every=0");

        assertSameResults(uninterrupted.resolve("run=1"), resumed.resolve("run=1"));
    }

    @Test
    void withoutResumeTheRunStartsAfreshAndDiscardsTheCheckpoint() throws IOException, SQLException {
        Path uninterrupted = folder.resolve("uninterrupted");
        Path again = folder.resolve("again");
        train(uninterrupted, "");
        stopAfterCheckpointOfEpoch(8, again, "");

        train(again, "");

        assertEquals(0, summary(again, "1").get("resumed_from_epoch"));
        assertSameResults(uninterrupted.resolve("run=1"), again.resolve("run=1"));
        assertFalse(Files.exists(again.resolve(RunCheckpoints.FOLDER_NAME)));
    }

    @Test
    void damagedCheckpointIsDiscardedAndTheRunStartsAfresh() throws IOException, SQLException {
        Path uninterrupted = folder.resolve("uninterrupted");
        Path damaged = folder.resolve("damaged");
        train(uninterrupted, "");
        stopAfterCheckpointOfEpoch(8, damaged, "");
        try (RandomAccessFile state = new RandomAccessFile(
                checkpointOf(damaged, "1").resolve(CheckpointFolder.STATE_FILE).toFile(), "rw")) {
            state.setLength(state.length() / 2);
        }

        CommandRun result = CommandRun.of(args(damaged, "--resume"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("cannot be used: it is truncated or damaged: an array of 67 values does"
                + " not fit in its 353 bytes; starting the run afresh"),
                result.stderr());
        assertEquals(0, summary(damaged, "1").get("resumed_from_epoch"));
        assertSameResults(uninterrupted.resolve("run=1"), damaged.resolve("run=1"));
    }

    @Test
    void divergedRunKeepsItsLastGoodCheckpointWithItsWeights() throws IOException {
        Files.writeString(folder.resolve("train.csv"), "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");
        // Identity activations do not saturate: at this rate the error grows until it overflows
        // in epoch 9 (found by trying rates; 0.65 still converges).
        Path job = folder.resolve("job.properties");
        Files.writeString(job, "data = train.csv\ntargets = y\nlayers = 2,3,1\nactivation = identity\n"
                + "output = out\nepochs = 50\nshuffle = false\nrun = boom\ncheckpoint_every = 2\n"
                + "learning_rate = 0.7\n");
        Path kept = folder.resolve("out").resolve(RunCheckpoints.FOLDER_NAME).resolve("run=boom");

        CommandRun diverged = CommandRun.of("train", job.toString());

        assertEquals(ExitCode.DIVERGED, diverged.exitCode(), diverged.stderr());
        assertTrue(diverged.stderr().contains("run boom: training diverged at epoch 9, step 33: the error became"
                + " Infinity; try a smaller learning_rate than 0.7; the last good checkpoint, after epoch 8,"
                + " is kept in " + kept
                + ", its weights in " + kept.resolve("weights.csv") + " (usable as weights=)"), diverged.stderr());
        TrainingState state = new CheckpointFolder(kept).load().orElseThrow().state();
        assertEquals(8, state.completedEpochs());
        Architecture layers = new Architecture(new int[] {2, 3, 1}, Activation.IDENTITY, Activation.IDENTITY);
        assertArrayEquals(state.parameters(), WeightsFile.read(kept.resolve("weights.csv"), layers));
    }

    @Test
    void checkpointKeysAreValidated() {
        CommandRun result = CommandRun.of(args(folder,
                "--set checkpoint_every=-1 --set checkpoint_interval_seconds=x"));

        assertEquals(ExitCode.CONFIG_ERROR, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains(
                "--set checkpoint_every=-1, checkpoint_every: value \"-1\" is out of range"), result.stderr());
        assertTrue(result.stderr().contains("checkpoint_interval_seconds: value \"x\" is not a whole number"),
                result.stderr());
    }

    /**
     * Trains iris as run 1 for 12 epochs into {@code out}, with checkpoints every 4, and the extra
     * arguments (a later {@code --set hyperparameters=...} brings back the table's runs).
     */
    private static void train(Path out, String more) {
        CommandRun result = CommandRun.of(args(out, more));
        assertEquals(0, result.exitCode(), result.stderr());
    }

    private static void stopAfterCheckpointOfEpoch(int epoch, Path out, String more) {
        RunCheckpoints.afterSave = checkpoint -> {
            if (checkpoint.completedEpochs() == epoch) {
                throw new SimulatedKill();
            }
        };
        assertSimulatedKill(CommandRun.of(args(out, more)));
        RunCheckpoints.afterSave = checkpoint -> {};
    }

    private static String[] args(Path out, String more) {
        List<String> args = new ArrayList<>(List.of("train", "conf/iris.properties", "--output", out.toString(),
                "--quiet", "--set", "hyperparameters=", "--set", "epochs=12", "--set",
                "checkpoint_every=4"));
        Stream.of(more.split(" ")).filter(arg -> !arg.isEmpty()).forEach(args::add);
        return args.toArray(String[]::new);
    }

    private static Path checkpointOf(Path out, String runId) {
        return out.resolve(RunCheckpoints.FOLDER_NAME).resolve("run=" + runId);
    }

    private static java.util.Map<String, Object> summary(Path out, String runId) {
        return JsonFiles.read(out.resolve("run=" + runId).resolve("summary.json"));
    }

    /** Same weights.csv bytes and the same error-log rows, every column bit for bit but elapsed_ms. */
    static void assertSameResults(Path expected, Path actual) throws IOException, SQLException {
        assertArrayEquals(Files.readAllBytes(expected.resolve("weights.csv")),
                Files.readAllBytes(actual.resolve("weights.csv")), "weights.csv of " + actual);
        List<String> expectedRows = errorLogBits(expected.resolve("error_log.parquet"));
        assertFalse(expectedRows.isEmpty());
        assertEquals(expectedRows, errorLogBits(actual.resolve("error_log.parquet")), "error log of " + actual);
    }

    /** The error log's rows in file order, doubles as their bit patterns; elapsed_ms is left out. */
    static List<String> errorLogBits(Path file) throws SQLException {
        String sql = "SELECT run, epoch, step, samples_seen, error, mean_error, validation_error, learning_rate"
                + " FROM read_parquet('" + file + "')";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                StringBuilder row = new StringBuilder(rows.getString(1));
                for (int column = 2; column <= 4; column++) {
                    row.append(' ').append(rows.getLong(column));
                }
                for (int column = 5; column <= 8; column++) {
                    double value = rows.getDouble(column);
                    String bits = rows.wasNull() ? "null" : Long.toHexString(Double.doubleToRawLongBits(value));
                    row.append(' ').append(bits);
                }
                values.add(row.toString());
            }
            return values;
        }
    }

    /** Stops a run where a kill would, without running the clean-up a kill skips. */
    /** The job reports the simulated kill, an Error, as one line with a failing exit code. */
    private static void assertSimulatedKill(CommandRun result) {
        assertNotEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("SimulatedKill"), result.stderr());
    }

    static final class SimulatedKill extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedKill() {
            super("simulated kill");
        }
    }
}
