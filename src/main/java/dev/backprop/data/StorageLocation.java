package dev.backprop.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Where a file or folder lives: on the local disk (a plain path or a {@code file:} URI) or on any
 * Hadoop {@link FileSystem} ({@code hdfs://}, {@code s3a://} with hadoop-aws on the class path,
 * and so on).
 *
 * <p>Local files are read and written through Parquet's own {@link LocalInputFile} and
 * {@link LocalOutputFile} and plain {@code java.nio}: Hadoop's local file system would add
 * {@code .crc} sidecar files and about a third of a second of start-up. Only other schemes load
 * Hadoop's {@link Configuration}, once per JVM, from {@code core-site.xml} and friends on the class
 * path ({@code HADOOP_CONF_DIR} is on it when the launcher finds it).
 *
 * @param text the location as the user wrote it, shown in messages
 */
public record StorageLocation(String text) {

    /** A URI scheme: a letter, then letters, digits, '+', '-' or '.', then ':'. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    /** Rejects null. */
    public StorageLocation {
        Objects.requireNonNull(text, "text");
    }

    /** A location for a local path. */
    public static StorageLocation of(Path path) {
        return new StorageLocation(path.toString());
    }

    /**
     * Whether the text names a location with a URI scheme, such as {@code hdfs://nn/x}; one-letter
     * schemes are taken for Windows drive letters.
     */
    public static boolean hasScheme(String text) {
        return SCHEME.matcher(text).matches();
    }

    /** Whether the location is on the local disk: no scheme, or {@code file:}. */
    public boolean isLocal() {
        return !hasScheme(text) || text.startsWith("file:");
    }

    /**
     * The local path.
     *
     * @throws IllegalStateException if the location is not local
     */
    public Path localPath() {
        if (!isLocal()) {
            throw new IllegalStateException(text + " is not a local path");
        }
        return text.startsWith("file:") ? Path.of(toUri()) : Path.of(text);
    }

    /** The location as a Hadoop path. */
    public org.apache.hadoop.fs.Path hadoopPath() {
        return new org.apache.hadoop.fs.Path(toUri());
    }

    /** The file system holding a non-local location. */
    public FileSystem fileSystem() {
        try {
            return hadoopPath().getFileSystem(HadoopConfiguration.INSTANCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the file system of " + text, e);
        }
    }

    /** The location of {@code name} inside this folder. */
    public StorageLocation resolve(String name) {
        if (isLocal() && !text.startsWith("file:")) {
            return StorageLocation.of(localPath().resolve(name));
        }
        return new StorageLocation(new org.apache.hadoop.fs.Path(hadoopPath(), name).toString());
    }

    /** The file name: the last part of the path. */
    public String name() {
        return hadoopPath().getName();
    }

    /** Opens the file for Parquet reading: local without Hadoop, other schemes through Hadoop. */
    public InputFile parquetInput() throws IOException {
        if (isLocal()) {
            return new LocalInputFile(localPath());
        }
        return HadoopInputFile.fromPath(hadoopPath(), HadoopConfiguration.INSTANCE);
    }

    /** Opens the file for Parquet writing: local without Hadoop, other schemes through Hadoop. */
    public OutputFile parquetOutput() throws IOException {
        if (isLocal()) {
            return new LocalOutputFile(localPath());
        }
        return HadoopOutputFile.fromPath(hadoopPath(), HadoopConfiguration.INSTANCE);
    }

    /**
     * Returns a local path holding the file: the file itself when it is local, or else a copy in a
     * new temporary folder under the same file name, deleted when the JVM exits.
     *
     * <p>Known shortcoming: CSV files and weights on HDFS or S3 are copied to local disk before
     * they are read (Parquet is read in place), so they need that much local space, and messages
     * about their contents name the local copy; the copy's file name is the original's.
     *
     * @throws UncheckedIOException naming the location if it cannot be copied
     */
    public Path localCopy() {
        if (isLocal()) {
            return localPath();
        }
        try {
            Path folder = java.nio.file.Files.createTempDirectory("backprop-input-");
            Path copy = folder.resolve(name());
            fileSystem().copyToLocalFile(false, hadoopPath(),
                    new org.apache.hadoop.fs.Path(copy.toUri()), true);
            copy.toFile().deleteOnExit();
            folder.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + text + " to local disk", e);
        }
    }

    /** A Parquet configuration that loads no Hadoop resources. */
    public static PlainParquetConfiguration plainParquetConfiguration() {
        return new PlainParquetConfiguration();
    }

    private URI toUri() {
        if (!hasScheme(text)) {
            return Path.of(text).toAbsolutePath().toUri();
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid URI: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return text;
    }

    /** Hadoop's configuration, loaded only when a non-local location is first used. */
    private static final class HadoopConfiguration {
        static final Configuration INSTANCE = new Configuration();
    }
}
