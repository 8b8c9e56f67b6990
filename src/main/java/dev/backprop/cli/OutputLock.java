package dev.backprop.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's exclusive hold on an output folder, so that two copies of a job started by
 * overlapping cron entries never write the same runs.
 *
 * <p>The lock is an operating-system lock ({@link FileChannel#tryLock()}, {@code fcntl} on Linux)
 * on the hidden file {@code <output>/.backprop.lock}. The kernel releases it when the process
 * ends in any way, SIGKILL included, so a lock can never outlive its job on a local file system.
 * The file also holds the owner's pid, host and start time, which a refused job prints. A job
 * that finds owner text but gets the lock has found the leftover of a job that died: it takes the
 * lock over and says so in a warning. On a clean release the text is emptied; the file itself
 * stays, because deleting a lock file while another process waits on it would let two processes
 * lock two different files. No other file descriptor is ever opened on the lock file: closing
 * one would drop the process's {@code fcntl} lock (POSIX semantics).
 *
 * <p>The file name starts with a dot, so {@code run=*} globs of DuckDB and Spark never see it.
 *
 * <p>Known limitation: on network file systems without working {@code fcntl} locks (some NFS
 * set-ups) the lock may not exclude a job on another host; give each host its own output folder.
 *
 * <p>Not thread-safe; one job owns one instance.
 */
final class OutputLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputLock.class);

    /** Name of the lock file inside the output folder. */
    static final String FILE_NAME = ".backprop.lock";

    private static final long POLL_INTERVAL_MILLIS = 250;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code outputDir}, creating it if needed.
     *
     * @param wait how long to wait for another job to release the lock: empty = do not wait,
     *     {@link Duration#ZERO} or more = wait that long, a negative duration = wait without limit
     * @throws OutputLockedException naming the owner's pid, host and start time if another job
     *     holds the lock (after waiting, if asked to)
     * @throws UncheckedIOException naming the path if the folder or lock file cannot be written
     */
    static OutputLock acquire(Path outputDir, Optional<Duration> wait) {
        Objects.requireNonNull(outputDir, "outputDir");
        Path file = outputDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(outputDir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                FileLock lock = lockWaiting(file, channel, wait);
                OutputLock held = new OutputLock(file, channel, lock);
                held.takeOver();
                return held;
            } catch (RuntimeException | Error e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock output folder " + outputDir + " (lock file "
                    + file + "): " + e, e);
        }
    }

    private static FileLock lockWaiting(Path file, FileChannel channel, Optional<Duration> wait)
            throws IOException {
        FileLock lock = tryLock(channel);
        if (lock != null) {
            return lock;
        }
        if (wait.isEmpty()) {
            throw new OutputLockedException(lockedMessage(file, readOwner(channel)) + "; use --wait to"
                    + " wait for it");
        }

        boolean isUnlimited = wait.get().isNegative();
        Instant deadline = isUnlimited ? Instant.MAX : Instant.now().plus(wait.get());
        LOG.info("{}; waiting {}", lockedMessage(file, readOwner(channel)),
                isUnlimited ? "until it is released" : "up to " + wait.get().toSeconds() + " s");
        while (Instant.now().isBefore(deadline)) {
            sleep();
            lock = tryLock(channel);
            if (lock != null) {
                return lock;
            }
        }
        throw new OutputLockedException(lockedMessage(file, readOwner(channel)) + "; gave up after"
                + " waiting " + wait.get().toSeconds() + " s");
    }

    /** Returns the lock, or null when another process, or this one, holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Another job in this JVM (tests run jobs in-process) holds it: the same answer as
            // another process holding it.
            return null;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_INTERVAL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutputLockedException("interrupted while waiting for the output lock");
        }
    }

    private static String lockedMessage(Path file, Properties owner) {
        return "output folder " + file.getParent() + " is locked by another job: "
                + describe(owner) + " (lock file " + file + ")";
    }

    private static String describe(Properties owner) {
        if (owner.isEmpty()) {
            return "owner unknown";
        }
        return "pid " + owner.getProperty("pid", "?") + " on host " + owner.getProperty("host", "?")
                + ", started " + owner.getProperty("started", "?");
    }

    /** Reads the owner text; empty when the file is empty or unreadable as properties. */
    private static Properties readOwner(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(buffer, 0);
        Properties owner = new Properties();
        try {
            owner.load(new java.io.StringReader(
                    new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            owner.clear();
        }
        return owner;
    }

    /** Warns about a dead owner's leftover text, then writes this process's own. */
    private void takeOver() throws IOException {
        Properties previous = readOwner(channel);
        if (!previous.isEmpty()) {
            LOG.warn("took over the lock on {} left by a job that did not finish: {}",
                    file.getParent(), describe(previous));
        }
        ProcessHandle self = ProcessHandle.current();
        String owner = "pid=" + self.pid() + "\nhost=" + hostName() + "\nstarted="
                + self.info().startInstant().orElse(Instant.now()) + "\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
        }
    }

    /** Returns the lock file's path. */
    Path file() {
        return file;
    }

    /**
     * Empties the owner text and releases the lock. Failures are logged, not thrown: the kernel
     * releases the lock when the process ends anyway.
     */
    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.warn("could not release the lock file {} cleanly: {}", file, e.toString());
        }
    }
}
