package dev.backprop.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint files: exact round trip, rows cut at the saved count, damage detected. */
class CheckpointFolderTest {

    @TempDir
    Path root;

    @Test
    void savedStateAndRowsComeBackBitwise() {
        Path folder = root.resolve(".checkpoints").resolve("run=a");
        TrainingState state = state();
        List<LogEntry> rows = List.of(row(1, 1.5, Double.NaN), row(2, 0.25, 0.125));
        try (CheckpointFolder checkpoint = new CheckpointFolder(folder)) {
            checkpoint.startFresh();
            rows.forEach(checkpoint::record);
            checkpoint.save("f1", state);
        }

        CheckpointFolder reopened = new CheckpointFolder(folder);
        Checkpoint loaded = reopened.load().orElseThrow();
        List<LogEntry> replayed = new ArrayList<>();
        reopened.continueFrom(loaded, replayed::add);
        reopened.close();

        assertEquals("f1", loaded.fingerprint());
        assertEquals(2, loaded.logRowCount());
        assertStatesEqual(state, loaded.state());
        assertEquals(rows, replayed); // record equals compares doubles by bits
    }

    @Test
    void rowsRecordedAfterTheLastSaveAreCutOffWhenContinuing() throws IOException {
        Path folder = root.resolve("run=a");
        CheckpointFolder checkpoint = new CheckpointFolder(folder);
        checkpoint.startFresh();
        checkpoint.record(row(1, 1.0, Double.NaN));
        checkpoint.save("f", state());
        checkpoint.record(row(2, 2.0, Double.NaN)); // a kill would lose the state for this row
        checkpoint.close();

        CheckpointFolder resumed = new CheckpointFolder(folder);
        Checkpoint loaded = resumed.load().orElseThrow();
        List<LogEntry> replayed = new ArrayList<>();
        resumed.continueFrom(loaded, replayed::add);
        resumed.record(row(2, 3.0, Double.NaN));
        resumed.save("f", state());
        resumed.close();

        assertEquals(List.of(row(1, 1.0, Double.NaN)), replayed);
        assertEquals(2 * CheckpointFolder.ROW_BYTES, Files.size(folder.resolve(CheckpointFolder.LOG_FILE)));
        List<LogEntry> after = new ArrayList<>();
        CheckpointFolder last = new CheckpointFolder(folder);
        last.continueFrom(last.load().orElseThrow(), after::add);
        last.close();
        assertEquals(List.of(row(1, 1.0, Double.NaN), row(2, 3.0, Double.NaN)), after);
    }

    @Test
    void folderWithoutStateHasNoCheckpoint() {
        assertTrue(new CheckpointFolder(root.resolve("none")).load().isEmpty());
    }

    @Test
    void flippedByteFailsTheChecksum() throws IOException {
        Path folder = saved();
        Path stateFile = folder.resolve(CheckpointFolder.STATE_FILE);
        try (RandomAccessFile file = new RandomAccessFile(stateFile.toFile(), "rw")) {
            file.seek(40);
            int value = file.read();
            file.seek(40);
            file.write(value ^ 0x01);
        }

        InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class,
                () -> new CheckpointFolder(folder).load());
        assertEquals("checkpoint " + stateFile + " cannot be used: its checksum does not match its content",
                e.getMessage());
    }

    @Test
    void truncatedStateIsRefused() throws IOException {
        Path folder = saved();
        Path stateFile = folder.resolve(CheckpointFolder.STATE_FILE);
        try (RandomAccessFile file = new RandomAccessFile(stateFile.toFile(), "rw")) {
            file.setLength(file.length() - 3);
        }

        InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class,
                () -> new CheckpointFolder(folder).load());
        assertTrue(e.getMessage().endsWith("cannot be used: it is truncated"), e.getMessage());
    }

    @Test
    void rowsFileShorterThanTheStateCountsIsRefused() throws IOException {
        Path folder = saved();
        Files.write(folder.resolve(CheckpointFolder.LOG_FILE), new byte[10]);

        InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class,
                () -> new CheckpointFolder(folder).load());
        assertTrue(e.getMessage().endsWith("it holds 0 error-log rows but the saved state counts 1"),
                e.getMessage());
    }

    @Test
    void deleteRemovesTheFolderAndItsParentOnceEmpty() {
        Path parent = root.resolve(".checkpoints");
        CheckpointFolder first = new CheckpointFolder(parent.resolve("run=a"));
        CheckpointFolder second = new CheckpointFolder(parent.resolve("run=b"));
        first.startFresh();
        second.startFresh();

        first.delete();
        assertTrue(Files.isDirectory(parent), "run=b still holds a checkpoint");
        second.delete();
        assertFalse(Files.exists(parent));
    }

    private Path saved() {
        Path folder = root.resolve("run=a");
        try (CheckpointFolder checkpoint = new CheckpointFolder(folder)) {
            checkpoint.startFresh();
            checkpoint.record(row(1, 1.0, Double.NaN));
            checkpoint.save("fingerprint", state());
        }
        return folder;
    }

    private static LogEntry row(int epoch, double error, double validationError) {
        return new LogEntry(epoch, epoch * 10L, epoch * 40L, error, error / 40, validationError, 0.1 / epoch,
                epoch * 7L);
    }

    private static TrainingState state() {
        return new TrainingState(7, 70, 280, new double[] {0.1, -0.2, Math.PI},
                new double[][] {{1e-300, -0.0, 3}, {Double.MIN_VALUE, 5, 6}}, 5, 0.75, 2, new double[] {1, 2, 3},
                0.0625, 4, 12.5, 1234);
    }

    private static void assertStatesEqual(TrainingState expected, TrainingState actual) {
        assertEquals(expected.completedEpochs(), actual.completedEpochs());
        assertEquals(expected.step(), actual.step());
        assertEquals(expected.samplesSeen(), actual.samplesSeen());
        assertArrayEquals(expected.parameters(), actual.parameters());
        assertArrayEquals(expected.optimizerState(), actual.optimizerState());
        assertEquals(expected.bestEpoch(), actual.bestEpoch());
        assertEquals(Double.doubleToRawLongBits(expected.bestValidationError()),
                Double.doubleToRawLongBits(actual.bestValidationError()));
        assertEquals(expected.epochsSinceImprovement(), actual.epochsSinceImprovement());
        assertArrayEquals(expected.bestParameters(), actual.bestParameters());
        assertEquals(Double.doubleToRawLongBits(expected.pendingError()),
                Double.doubleToRawLongBits(actual.pendingError()));
        assertEquals(expected.pendingSamples(), actual.pendingSamples());
        assertEquals(Double.doubleToRawLongBits(expected.lastEpochError()),
                Double.doubleToRawLongBits(actual.lastEpochError()));
        assertEquals(expected.elapsedMillis(), actual.elapsedMillis());
    }
}
