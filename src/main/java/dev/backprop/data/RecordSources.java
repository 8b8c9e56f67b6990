package dev.backprop.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** Opens a {@link RecordSource} for a file, choosing the reader by the file's extension. */
public final class RecordSources {

    private RecordSources() {}

    /**
     * Opens a table file for streaming.
     *
     * @param file a {@code .csv} file, or a {@code .parquet} file or folder of Parquet part files
     * @throws IllegalArgumentException naming the file if its extension has no reader
     * @throws InputDataException if the header is unusable or the file is empty
     * @throws java.io.UncheckedIOException naming the file if it cannot be read
     */
    public static RecordSource open(Path file) {
        Objects.requireNonNull(file, "file");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CsvRecordSource.open(file);
        }
        StorageLocation location = StorageLocation.of(file);
        if (ParquetDatasetReader.isParquet(location)) {
            return ParquetRecordSource.open(location);
        }
        throw new IllegalArgumentException(file + ": data files must be .csv, .parquet, or a folder of Parquet"
                + " part files");
    }
}
