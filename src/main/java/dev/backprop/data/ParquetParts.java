package dev.backprop.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * The Parquet files behind one input: the file itself, or the part files of a folder as Spark,
 * Hive, DuckDB and pyarrow write them, in name order. Markers and sidecars ({@code _SUCCESS},
 * {@code _metadata}, {@code _common_metadata}, {@code .crc} files) and hidden files (names starting
 * with {@code _} or {@code .}) are skipped, as Spark skips them. Sub-folders are not entered.
 */
final class ParquetParts {

    private ParquetParts() {}

    /**
     * Lists the files to read, in the order their rows are taken.
     *
     * @throws InputDataException if a folder holds no part file
     * @throws UncheckedIOException naming the location if it does not exist or cannot be listed
     */
    static List<StorageLocation> list(StorageLocation location) {
        List<StorageLocation> parts = location.isLocal() ? listLocal(location) : listRemote(location);
        if (parts.isEmpty()) {
            throw new InputDataException(List.of(new InputProblem(location.text(), "", "", null,
                    "is a folder without Parquet part files (names starting with '_' or '.' are"
                            + " skipped)")));
        }
        return parts;
    }

    /** Whether a file in a folder is data rather than a marker, a checksum or a hidden file. */
    static boolean isPartFile(String name) {
        return !name.startsWith("_") && !name.startsWith(".") && !name.endsWith(".crc");
    }

    private static List<StorageLocation> listLocal(StorageLocation location) {
        Path path = location.localPath();
        if (!Files.isDirectory(path)) {
            if (!Files.exists(path)) {
                throw new UncheckedIOException("cannot read " + location,
                        new NoSuchFileException(path.toString()));
            }
            return List.of(location);
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> isPartFile(file.getFileName().toString()))
                    .sorted()
                    .map(StorageLocation::of)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + location, e);
        }
    }

    private static List<StorageLocation> listRemote(StorageLocation location) {
        FileSystem fileSystem = location.fileSystem();
        try {
            FileStatus status = fileSystem.getFileStatus(location.hadoopPath());
            if (!status.isDirectory()) {
                return List.of(location);
            }
            List<StorageLocation> parts = new ArrayList<>();
            for (FileStatus file : fileSystem.listStatus(location.hadoopPath())) {
                if (file.isFile() && isPartFile(file.getPath().getName())) {
                    parts.add(new StorageLocation(file.getPath().toString()));
                }
            }
            parts.sort((a, b) -> a.text().compareTo(b.text()));
            return parts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }
}
