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
     * @param file a {@code .csv} file (a {@code .parquet} reader is planned and plugs in here)
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
        // Missing: Parquet input. Users must convert Parquet to CSV first (DuckDB: COPY ... TO
        // 'x.csv'); a RecordSource over parquet-hadoop's record reader would plug in here.
        throw new IllegalArgumentException(file + ": only .csv data files can be read so far"
                + (name.endsWith(".parquet") ? "; Parquet input is planned" : ""));
    }
}
