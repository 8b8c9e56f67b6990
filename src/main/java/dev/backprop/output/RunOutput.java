package dev.backprop.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one run's output folder, {@code outputDir/run=<id>}, all at once: readers see either
 * the previous complete folder or the new complete one, never a partial one.
 *
 * <p>Files are written into a hidden temporary folder, {@code .run=<id>.tmp-<pid>-<random>}, which
 * the {@code run=*} globs of DuckDB and Spark do not match. {@link #commit()} then renames a
 * previous {@code run=<id>} aside to {@code .run=<id>.old-<pid>}, renames the temporary folder into
 * place atomically and deletes the old one. If the job dies between the two renames,
 * {@link #recover(Path)} at the next start puts the old folder back.
 *
 * <p>Known limitation: the renames are atomic on one local or POSIX file system only; on object
 * stores such as S3 a rename is a copy, so readers could see a partial folder there. Writing to a
 * local or HDFS folder avoids it.
 *
 * <p>Not thread-safe; one job owns one instance.
 */
public final class RunOutput implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunOutput.class);

    private static final String RUN_PREFIX = "run=";
    private static final String HIDDEN_PREFIX = "." + RUN_PREFIX;
    private static final String TEMPORARY_MARK = ".tmp-";
    private static final String OLD_MARK = ".old-";

    /** Run ids become folder names, so they are limited to characters safe on every file system. */
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private final Path outputDir;
    private final String runId;
    private final Path temporaryFolder;
    private boolean isFinished;

    private RunOutput(Path outputDir, String runId, Path temporaryFolder) {
        this.outputDir = outputDir;
        this.runId = runId;
        this.temporaryFolder = temporaryFolder;
    }

    /**
     * Creates {@code outputDir} if needed and a fresh hidden temporary folder in it for run
     * {@code runId}.
     *
     * @param runId letters, digits, {@code _}, {@code .} and {@code -}, not starting with {@code .}
     *     or {@code -}
     * @throws IllegalArgumentException naming the value if {@code runId} has other characters
     * @throws UncheckedIOException naming the folder if it cannot be created
     */
    public static RunOutput begin(Path outputDir, String runId) {
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(runId, "runId");
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id '" + runId + "' may only hold letters, digits,"
                    + " '_', '.' and '-', and may not start with '.' or '-'");
        }
        String name = HIDDEN_PREFIX + runId + TEMPORARY_MARK + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt());
        Path temporaryFolder = outputDir.resolve(name);
        try {
            Files.createDirectories(outputDir);
            Files.createDirectory(temporaryFolder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output folder " + temporaryFolder, e);
        }
        return new RunOutput(outputDir, runId, temporaryFolder);
    }

    /** Returns the hidden folder to write this run's files into before {@link #commit()}. */
    public Path temporaryFolder() {
        return temporaryFolder;
    }

    /** Returns where the run's files will be once committed: {@code outputDir/run=<id>}. */
    public Path finalFolder() {
        return outputDir.resolve(RUN_PREFIX + runId);
    }

    /**
     * Moves the temporary folder into place as {@code run=<id>}, replacing a previous one.
     *
     * <p>The previous folder stays complete until the new one has taken its name. If the final
     * rename fails, the previous folder is put back before the exception is thrown.
     *
     * @return the final folder
     * @throws IllegalStateException if this output was already committed or aborted
     * @throws UncheckedIOException naming the folder if a rename fails
     */
    public Path commit() {
        checkNotFinished();
        Path finalFolder = finalFolder();
        long pid = ProcessHandle.current().pid();
        Path oldFolder = outputDir.resolve(HIDDEN_PREFIX + runId + OLD_MARK + pid);
        try {
            boolean hasPrevious = Files.exists(finalFolder);
            if (hasPrevious) {
                deleteTree(oldFolder);
                Files.move(finalFolder, oldFolder, StandardCopyOption.ATOMIC_MOVE);
            }
            moveIntoPlace(finalFolder, oldFolder, hasPrevious);
            isFinished = true;
            if (hasPrevious) {
                deleteTree(oldFolder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit output folder " + finalFolder, e);
        }
        LOG.info("Committed run output {}", finalFolder);
        return finalFolder;
    }

    private void moveIntoPlace(Path finalFolder, Path oldFolder, boolean hasPrevious) throws IOException {
        try {
            Files.move(temporaryFolder, finalFolder, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (hasPrevious) {
                try {
                    Files.move(oldFolder, finalFolder, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException restoreFailure) {
                    e.addSuppressed(restoreFailure);
                }
            }
            throw e;
        }
    }

    /**
     * Deletes the temporary folder and everything in it; a previous {@code run=<id>} is left as it
     * was. Call it when the run fails. Does nothing after {@link #commit()} or a first abort.
     *
     * @throws UncheckedIOException naming the folder if it cannot be deleted
     */
    public void abort() {
        if (isFinished) {
            return;
        }
        isFinished = true;
        try {
            deleteTree(temporaryFolder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete temporary output folder " + temporaryFolder, e);
        }
        LOG.info("Discarded unfinished run output {}", temporaryFolder);
    }

    /** Aborts unless {@link #commit()} succeeded, so that try-with-resources cleans up on failure. */
    @Override
    public void close() {
        abort();
    }

    private void checkNotFinished() {
        if (isFinished) {
            throw new IllegalStateException(
                    "run output " + temporaryFolder + " was already committed or aborted");
        }
    }

    /**
     * Cleans up after jobs that died in {@code outputDir}; call it once at job start.
     *
     * <p>Deletes leftover temporary folders ({@code .run=<id>.tmp-*}), except those whose process
     * id belongs to a process still running on this machine, which may be another job writing.
     * For each {@code .run=<id>.old-*}, renames it back to {@code run=<id>} if that is missing (the
     * job was killed between the two renames of a commit) and deletes it otherwise. Does nothing
     * if {@code outputDir} does not exist.
     *
     * @throws UncheckedIOException naming the folder if it cannot be listed, renamed or deleted
     */
    public static void recover(Path outputDir) {
        Objects.requireNonNull(outputDir, "outputDir");
        if (!Files.isDirectory(outputDir)) {
            return;
        }
        try {
            for (Path leftover : leftovers(outputDir)) {
                recoverLeftover(outputDir, leftover);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up output folder " + outputDir, e);
        }
    }

    private static List<Path> leftovers(Path outputDir) throws IOException {
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(outputDir, HIDDEN_PREFIX + "*")) {
            entries.forEach(leftovers::add);
        }
        // Sorted, so that when several old copies of one run exist the same one is restored
        // every time.
        leftovers.sort(Comparator.naturalOrder());
        return leftovers;
    }

    private static void recoverLeftover(Path outputDir, Path leftover) throws IOException {
        String name = leftover.getFileName().toString();
        int temporaryAt = name.lastIndexOf(TEMPORARY_MARK);
        int oldAt = name.lastIndexOf(OLD_MARK);
        if (temporaryAt > 0 && temporaryAt > oldAt) {
            deleteTemporary(leftover, name.substring(temporaryAt + TEMPORARY_MARK.length()));
        } else if (oldAt > 0) {
            String runId = name.substring(HIDDEN_PREFIX.length(), oldAt);
            restoreOrDelete(outputDir.resolve(RUN_PREFIX + runId), leftover);
        }
    }

    private static void deleteTemporary(Path folder, String pidAndRandom) throws IOException {
        if (isOtherLiveProcess(pidAndRandom)) {
            LOG.info("Left {} in place: process {} that writes it is still running", folder, pidAndRandom);
            return;
        }
        deleteTree(folder);
        LOG.info("Deleted unfinished run output {} left by an earlier job", folder);
    }

    private static boolean isOtherLiveProcess(String pidAndRandom) {
        int dash = pidAndRandom.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? pidAndRandom : pidAndRandom.substring(0, dash));
            return pid != ProcessHandle.current().pid()
                    && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void restoreOrDelete(Path finalFolder, Path oldFolder) throws IOException {
        if (Files.exists(finalFolder)) {
            deleteTree(oldFolder);
            LOG.info("Deleted replaced run output {}", oldFolder);
        } else {
            Files.move(oldFolder, finalFolder, StandardCopyOption.ATOMIC_MOVE);
            LOG.warn("Restored {} from {}: an earlier job stopped while replacing it",
                    finalFolder, oldFolder);
        }
    }

    /** Deletes a folder and its contents, children first; does nothing if it does not exist. */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
