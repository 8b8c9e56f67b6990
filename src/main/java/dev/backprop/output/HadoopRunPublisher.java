package dev.backprop.output;

import dev.backprop.data.StorageLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.hadoop.fs.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a complete local run folder to an output folder on a Hadoop file system (HDFS, S3A,
 * ...) with the same all-or-nothing rule as {@link RunOutput}: the files are uploaded into a
 * hidden {@code .run=<id>.tmp-<pid>} folder beside the target, a previous {@code run=<id>} is
 * renamed aside, the upload is renamed into place with {@link FileSystem#rename} and the old
 * folder is deleted.
 *
 * <p>Known limitations: on HDFS each rename is atomic, so readers see the old or the new folder;
 * on object stores (S3A) a rename copies file by file, so a reader may briefly see a partial
 * folder. A job killed between the two renames leaves {@code .run=<id>.old-<pid>} behind, which
 * is not put back automatically as {@link RunOutput#recover} does for local folders.
 */
public final class HadoopRunPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(HadoopRunPublisher.class);

    private HadoopRunPublisher() {}

    /**
     * Uploads {@code localRunFolder} to {@code outputDir/run=<runId>}, replacing a previous one.
     *
     * @return the published folder
     * @throws UncheckedIOException naming the target if an upload or rename fails; the upload is
     *     removed and a previous folder is left in place
     */
    public static StorageLocation publish(Path localRunFolder, StorageLocation outputDir, String runId) {
        Objects.requireNonNull(localRunFolder, "localRunFolder");
        FileSystem fileSystem = outputDir.fileSystem();
        long pid = ProcessHandle.current().pid();
        org.apache.hadoop.fs.Path base = outputDir.hadoopPath();
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(base, "run=" + runId);
        org.apache.hadoop.fs.Path upload = new org.apache.hadoop.fs.Path(base, ".run=" + runId + ".tmp-" + pid);
        org.apache.hadoop.fs.Path old = new org.apache.hadoop.fs.Path(base, ".run=" + runId + ".old-" + pid);
        try {
            fileSystem.mkdirs(base);
            fileSystem.delete(upload, true);
            fileSystem.copyFromLocalFile(false, true,
                    new org.apache.hadoop.fs.Path(localRunFolder.toUri()), upload);
            boolean hasPrevious = fileSystem.exists(target);
            if (hasPrevious) {
                fileSystem.delete(old, true);
                rename(fileSystem, target, old);
            }
            rename(fileSystem, upload, target);
            if (hasPrevious) {
                fileSystem.delete(old, true);
            }
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(fileSystem, upload, e);
            throw new UncheckedIOException("cannot publish run output to " + target,
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
        LOG.info("Published run output {}", target);
        return new StorageLocation(target.toString());
    }

    private static void rename(FileSystem fileSystem, org.apache.hadoop.fs.Path from,
            org.apache.hadoop.fs.Path to) throws IOException {
        // FileSystem.rename reports some failures by returning false rather than throwing.
        if (!fileSystem.rename(from, to)) {
            throw new IOException("rename of " + from + " to " + to + " failed");
        }
    }

    private static void deleteQuietly(FileSystem fileSystem, org.apache.hadoop.fs.Path folder,
            Exception failure) {
        try {
            fileSystem.delete(folder, true);
        } catch (IOException cleanupFailure) {
            failure.addSuppressed(cleanupFailure);
        }
    }
}
