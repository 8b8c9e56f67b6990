package dev.backprop.mapreduce;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Writable;

/**
 * The files a driver and its tasks exchange: the current weights, shipped to the mappers in the
 * job's distributed cache, and the reducer's single result.
 *
 * <p>A weights file is the parameter count as a big-endian int followed by the parameters as
 * big-endian doubles, so the mappers read exactly the driver's bits.
 */
final class WeightsFiles {

    private WeightsFiles() {}

    /** Writes {@code parameters} to {@code file}, replacing it. */
    static void write(Configuration conf, Path file, double[] parameters) {
        try (FSDataOutputStream out = file.getFileSystem(conf).create(file, true)) {
            out.writeInt(parameters.length);
            for (double parameter : parameters) {
                out.writeDouble(parameter);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write weights to " + file, e);
        }
    }

    /**
     * Reads the weights file a job ships in its cache.
     *
     * @param expectedCount parameters the network has
     * @throws IllegalStateException if the file holds another number of parameters
     */
    static double[] read(Configuration conf, URI file, int expectedCount) {
        Path path = new Path(file);
        try (DataInputStream in = path.getFileSystem(conf).open(path)) {
            int count = in.readInt();
            if (count != expectedCount) {
                throw new IllegalStateException(file + " holds " + count + " weights, the network has "
                        + expectedCount);
            }
            double[] parameters = new double[count];
            for (int i = 0; i < count; i++) {
                parameters[i] = in.readDouble();
            }
            return parameters;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read weights from " + file, e);
        }
    }

    /**
     * Reads the one record the single reducer wrote into a job's output folder.
     *
     * @throws IllegalStateException if the folder holds no record
     */
    static <T extends Writable> T readResult(Configuration conf, Path outputFolder, T value) {
        Path part = new Path(outputFolder, "part-r-00000");
        try (SequenceFile.Reader reader = new SequenceFile.Reader(conf, SequenceFile.Reader.file(part))) {
            if (!reader.next(new LongWritable(), value)) {
                throw new IllegalStateException(part + " holds no result: did the job read any rows?");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the job result " + part, e);
        }
    }

    /** Deletes a folder and everything in it, if it exists. */
    static void deleteFolder(Configuration conf, Path folder) {
        try {
            FileSystem fileSystem = folder.getFileSystem(conf);
            fileSystem.delete(folder, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }
}
