package dev.backprop.mapreduce;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Uploads a complete run folder to a Hadoop file system so that it appears whole: copied into a
 * hidden temporary folder next to its destination, then renamed into place, replacing an earlier
 * run folder of the same name.
 */
public final class RunPublisher {

    private RunPublisher() {}

    /**
     * Copies {@code runFolder} (a committed local {@code run=<id>} folder) into {@code outputFolder}.
     *
     * @return the published folder
     * @throws UncheckedIOException naming the destination when a copy or rename fails
     */
    public static Path publish(Configuration conf, java.nio.file.Path runFolder, String outputFolder) {
        Path output = new Path(outputFolder);
        String name = runFolder.getFileName().toString();
        Path destination = new Path(output, name);
        Path temporary = new Path(output, "." + name + ".upload-" + System.nanoTime());
        try {
            FileSystem fileSystem = output.getFileSystem(conf);
            fileSystem.mkdirs(output);
            fileSystem.copyFromLocalFile(false, true, new Path(runFolder.toUri()), temporary);
            // Not atomic on object stores, where rename is a copy; on HDFS the gap between delete
            // and rename is one metadata operation.
            fileSystem.delete(destination, true);
            if (!fileSystem.rename(temporary, destination)) {
                throw new IOException("rename of " + temporary + " to " + destination + " failed");
            }
            return destination;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + runFolder + " to " + destination, e);
        }
    }
}
