package dev.backprop.training;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * One run's checkpoint on disk: a folder holding two files.
 *
 * <ul>
 *   <li>{@code state.bin}: a format tag and version, the {@link Checkpoint}'s fingerprint and
 *       error-log row count, every field of its {@link TrainingState} (doubles as raw IEEE-754
 *       bits, big-endian) and a CRC-32 of all of it.
 *   <li>{@code error_log.bin}: the run's error-log rows in step order, {@value #ROW_BYTES} bytes
 *       each ({@code epoch} int, then {@code step}, {@code samples_seen}, {@code error},
 *       {@code mean_error}, {@code validation_error}, {@code learning_rate}, {@code elapsed_ms}).
 * </ul>
 *
 * <p>Rows are appended through a buffer as the run logs them, so memory stays bounded whatever
 * {@code log_every} is. {@link #save} forces the rows to disk, then writes {@code state.bin.tmp},
 * forces it and renames it over {@code state.bin}. A process killed at any moment therefore
 * leaves the previous {@code state.bin} whole; its row count says which prefix of
 * {@code error_log.bin} belongs to it, and rows past that prefix are cut off when the run
 * continues. The run's Parquet error log, by contrast, lives in the run's temporary output
 * folder and is unreadable until closed, which is why the rows are kept here too.
 *
 * <p>Mutable; one run's training thread owns an instance. Two processes must not use one folder
 * at a time (the job's output-folder lock sees to that).
 */
public final class CheckpointFolder implements AutoCloseable {

    /** Name of the state file inside the folder. */
    public static final String STATE_FILE = "state.bin";

    /** Name of the error-log rows file inside the folder. */
    public static final String LOG_FILE = "error_log.bin";

    /** Bytes of one error-log row in {@link #LOG_FILE}. */
    public static final int ROW_BYTES = Integer.BYTES + 7 * Long.BYTES;

    private static final int MAGIC = 0x4250434B; // "BPCK"
    private static final int FORMAT_VERSION = 1;
    private static final int BUFFER_BYTES = 1 << 16;

    // Runs of one job share the parent folder; creating a run's folder and deleting the parent
    // when it has become empty must not interleave.
    private static final Object PARENT_LOCK = new Object();

    private final Path folder;
    private FileChannel logChannel;
    private DataOutputStream logRows;
    private long rowCount;

    /** A checkpoint in {@code folder}, which need not exist yet. Opens nothing. */
    public CheckpointFolder(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
    }

    /** The folder this checkpoint lives in. */
    public Path folder() {
        return folder;
    }

    /** Whether a state has been saved in the folder (by this or an earlier process). */
    public boolean hasState() {
        return Files.exists(folder.resolve(STATE_FILE));
    }

    /**
     * Deletes any earlier checkpoint in the folder and opens a new, empty error log in it.
     *
     * @throws UncheckedIOException naming the folder if it cannot be cleared or created
     */
    public void startFresh() {
        delete();
        openLog(0);
    }

    /**
     * Hands the first {@code checkpoint.logRowCount()} error-log rows to {@code consumer} in step
     * order, cuts off any rows written after the checkpoint was saved, and opens the log for the
     * rows that follow.
     *
     * @throws InvalidCheckpointException if the rows file holds fewer rows than the checkpoint counts
     * @throws UncheckedIOException naming the file if it cannot be read
     */
    public void continueFrom(Checkpoint checkpoint, Consumer<LogEntry> consumer) {
        Path file = folder.resolve(LOG_FILE);
        checkLogLength(file, checkpoint.logRowCount());
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file),
                BUFFER_BYTES))) {
            for (long row = 0; row < checkpoint.logRowCount(); row++) {
                consumer.accept(readRow(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint error log " + file, e);
        }
        openLog(checkpoint.logRowCount());
    }

    /**
     * Appends one error-log row; it is on disk once the next {@link #save} returns.
     *
     * @throws IllegalStateException before {@link #startFresh} or {@link #continueFrom}
     * @throws UncheckedIOException naming the file if the row cannot be written
     */
    public void record(LogEntry entry) {
        if (logRows == null) {
            throw new IllegalStateException("checkpoint " + folder + " is not open for writing");
        }
        try {
            writeRow(logRows, entry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint error log " + folder.resolve(LOG_FILE), e);
        }
        rowCount++;
    }

    /**
     * Saves {@code state} with every row recorded so far, durably and atomically (see the class
     * comment), replacing the previous state.
     *
     * @return the checkpoint saved
     * @throws IllegalStateException before {@link #startFresh} or {@link #continueFrom}
     * @throws UncheckedIOException naming the file if it cannot be written
     */
    public Checkpoint save(String fingerprint, TrainingState state) {
        if (logRows == null) {
            throw new IllegalStateException("checkpoint " + folder + " is not open for writing");
        }
        Checkpoint checkpoint = new Checkpoint(fingerprint, rowCount, state);
        Path stateFile = folder.resolve(STATE_FILE);
        Path temporary = folder.resolve(STATE_FILE + ".tmp");
        try {
            logRows.flush();
            logChannel.force(false);
            writeState(temporary, checkpoint);
            // The folder entry is not forced: after a power loss the previous state may come back,
            // which is still consistent with the rows file, only older.
            Files.move(temporary, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save checkpoint " + stateFile, e);
        }
        return checkpoint;
    }

    /**
     * Reads the saved checkpoint, if any.
     *
     * @return empty when no state was ever saved in the folder
     * @throws InvalidCheckpointException if the state file is truncated, fails its checksum, has
     *     another format version, or the rows file is shorter than the state says
     * @throws UncheckedIOException naming the file if it cannot be read
     */
    public Optional<Checkpoint> load() {
        Path stateFile = folder.resolve(STATE_FILE);
        if (!Files.exists(stateFile)) {
            return Optional.empty();
        }
        Checkpoint checkpoint = readState(stateFile);
        checkLogLength(folder.resolve(LOG_FILE), checkpoint.logRowCount());
        return Optional.of(checkpoint);
    }

    /** Closes the rows file, keeping everything on disk. Closing twice does nothing. */
    @Override
    public void close() {
        if (logRows == null) {
            return;
        }
        try {
            logRows.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close checkpoint error log " + folder.resolve(LOG_FILE), e);
        } finally {
            logRows = null;
            logChannel = null;
        }
    }

    /**
     * Closes the folder's files and deletes the folder with every file in it (such as weights
     * written next to a kept checkpoint), then its parent if that is left empty. Does nothing if
     * the folder does not exist.
     *
     * @throws UncheckedIOException naming the folder if it cannot be deleted
     */
    public void delete() {
        try {
            close();
        } catch (UncheckedIOException e) {
            // The rows could not be flushed (a full disk, say); they are being deleted anyway.
        }
        try {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
            }
            synchronized (PARENT_LOCK) {
                Files.deleteIfExists(folder);
                deleteIfEmpty(folder.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete checkpoint folder " + folder, e);
        }
    }

    private static void deleteIfEmpty(Path parent) throws IOException {
        try {
            if (parent != null) {
                Files.deleteIfExists(parent);
            }
        } catch (DirectoryNotEmptyException e) {
            // Other runs' checkpoints are still there; the parent stays.
        }
    }

    private void openLog(long keptRows) {
        Path file = folder.resolve(LOG_FILE);
        try {
            synchronized (PARENT_LOCK) {
                Files.createDirectories(folder);
            }
            logChannel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            logChannel.truncate(keptRows * ROW_BYTES);
            logChannel.position(keptRows * ROW_BYTES);
            logRows = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(logChannel),
                    BUFFER_BYTES));
            rowCount = keptRows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open checkpoint error log " + file, e);
        }
    }

    private static void checkLogLength(Path file, long rows) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            size = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint error log " + file, e);
        }
        if (size < rows * ROW_BYTES) {
            throw new InvalidCheckpointException(file, "it holds " + size / ROW_BYTES
                    + " error-log rows but the saved state counts " + rows);
        }
    }

    private static void writeState(Path file, Checkpoint checkpoint) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            CRC32 crc = new CRC32();
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    new CheckedOutputStream(Channels.newOutputStream(channel), crc), BUFFER_BYTES));
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(checkpoint.fingerprint());
            out.writeLong(checkpoint.logRowCount());
            writeTrainingState(out, checkpoint.state());
            out.flush();
            // The checksum covers everything before it; writing it updates the CRC, unread since.
            out.writeLong(crc.getValue());
            out.flush();
            channel.force(true);
        }
    }

    private static void writeTrainingState(DataOutputStream out, TrainingState state) throws IOException {
        out.writeInt(state.completedEpochs());
        out.writeLong(state.step());
        out.writeLong(state.samplesSeen());
        writeArray(out, state.parameters());
        double[][] optimizerState = state.optimizerState();
        out.writeInt(optimizerState.length);
        for (double[] array : optimizerState) {
            writeArray(out, array);
        }
        out.writeInt(state.bestEpoch());
        writeDouble(out, state.bestValidationError());
        out.writeInt(state.epochsSinceImprovement());
        writeArray(out, state.bestParameters());
        writeDouble(out, state.pendingError());
        out.writeLong(state.pendingSamples());
        writeDouble(out, state.lastEpochError());
        out.writeLong(state.elapsedMillis());
    }

    private static Checkpoint readState(Path file) {
        CRC32 crc = new CRC32();
        try (DataInputStream in = new DataInputStream(new CheckedInputStream(
                new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES), crc))) {
            long fileBytes = Files.size(file);
            if (in.readInt() != MAGIC) {
                throw new InvalidCheckpointException(file, "it is not a backprop checkpoint");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new InvalidCheckpointException(file, "it has format version " + version
                        + ", this backprop reads version " + FORMAT_VERSION);
            }
            String fingerprint = in.readUTF();
            long logRowCount = in.readLong();
            TrainingState state = readTrainingState(in, fileBytes);
            long computed = crc.getValue();
            if (in.readLong() != computed) {
                throw new InvalidCheckpointException(file, "its checksum does not match its content");
            }
            return new Checkpoint(fingerprint, logRowCount, state);
        } catch (EOFException e) {
            throw new InvalidCheckpointException(file, "it is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new InvalidCheckpointException(file, e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        }
    }

    private static TrainingState readTrainingState(DataInputStream in, long fileBytes) throws IOException {
        int completedEpochs = in.readInt();
        long step = in.readLong();
        long samplesSeen = in.readLong();
        double[] parameters = readArray(in, fileBytes);
        int arrays = in.readInt();
        if (arrays < 0 || arrays > 16) {
            throw new IllegalArgumentException("it claims " + arrays + " optimizer state arrays");
        }
        double[][] optimizerState = new double[arrays][];
        for (int i = 0; i < arrays; i++) {
            optimizerState[i] = readArray(in, fileBytes);
        }
        int bestEpoch = in.readInt();
        double bestValidationError = readDouble(in);
        int epochsSinceImprovement = in.readInt();
        double[] bestParameters = readArray(in, fileBytes);
        double pendingError = readDouble(in);
        long pendingSamples = in.readLong();
        double lastEpochError = readDouble(in);
        long elapsedMillis = in.readLong();
        return new TrainingState(completedEpochs, step, samplesSeen, parameters, optimizerState, bestEpoch,
                bestValidationError, epochsSinceImprovement, bestParameters, pendingError, pendingSamples,
                lastEpochError, elapsedMillis);
    }

    private static void writeArray(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double value : values) {
            writeDouble(out, value);
        }
    }

    private static double[] readArray(DataInputStream in, long fileBytes) throws IOException {
        int length = in.readInt();
        // A damaged length must not make us allocate gigabytes before the checksum catches it.
        if (length < 0 || length > fileBytes / Double.BYTES) {
            throw new IllegalArgumentException("it is truncated or damaged: an array of " + length
                    + " values does not fit in its " + fileBytes + " bytes");
        }
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = readDouble(in);
        }
        return values;
    }

    private static void writeRow(DataOutputStream out, LogEntry entry) throws IOException {
        out.writeInt(entry.epoch());
        out.writeLong(entry.step());
        out.writeLong(entry.samplesSeen());
        writeDouble(out, entry.error());
        writeDouble(out, entry.meanError());
        writeDouble(out, entry.validationError());
        writeDouble(out, entry.learningRate());
        out.writeLong(entry.elapsedMillis());
    }

    private static LogEntry readRow(DataInputStream in) throws IOException {
        return new LogEntry(in.readInt(), in.readLong(), in.readLong(), readDouble(in), readDouble(in),
                readDouble(in), readDouble(in), in.readLong());
    }

    // Raw bits, unlike DataOutputStream.writeDouble, so that even a NaN's payload comes back.
    private static void writeDouble(DataOutputStream out, double value) throws IOException {
        out.writeLong(Double.doubleToRawLongBits(value));
    }

    private static double readDouble(DataInputStream in) throws IOException {
        return Double.longBitsToDouble(in.readLong());
    }
}
