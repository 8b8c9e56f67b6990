package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

/** Helpers for the Parquet reader tests. */
final class ParquetFixtures {

    private ParquetFixtures() {}

    /** Reads a Parquet fixture with nulls refused. */
    static Dataset read(Path file, DatasetRequest request) {
        return ParquetDatasetReader.read(StorageLocation.of(file), request, NullPolicy.FAIL);
    }

    /** Reads a Parquet input that must be refused, returning the exception. */
    static InputDataException refuse(Path file, DatasetRequest request, NullPolicy onNull) {
        return assertThrows(InputDataException.class,
                () -> ParquetDatasetReader.read(StorageLocation.of(file), request, onNull));
    }
}
