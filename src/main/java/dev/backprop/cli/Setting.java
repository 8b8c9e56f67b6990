package dev.backprop.cli;

import dev.backprop.data.StorageLocation;
import java.nio.file.Path;

/**
 * One configured value and where it came from, so that an error can point at it.
 *
 * @param value the text as written, trimmed
 * @param source where it was written, e.g. {@code conf/iris.properties line 4} or
 *     {@code --set learning_rate=0.5}
 * @param baseFolder the folder a relative path in {@code value} is taken from
 */
record Setting(String value, String source, Path baseFolder) {

    /** The value as a path, resolved against {@link #baseFolder()} when relative. */
    Path resolvePath() {
        return baseFolder.resolve(value).normalize();
    }

    /**
     * The value as a storage location: a URI with a scheme ({@code hdfs://nn/x},
     * {@code s3a://bucket/x}, {@code file:///x}) as written, otherwise a local path resolved as
     * {@link #resolvePath()} does.
     */
    StorageLocation resolveLocation() {
        return StorageLocation.hasScheme(value)
                ? new StorageLocation(value)
                : StorageLocation.of(resolvePath());
    }
}
