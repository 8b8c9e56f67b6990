package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Shared helpers for the reader tests: fixture paths, XOR expectations, exact-byte files. */
final class Fixtures {

    /** The XOR table every case fixture holds, as in its expected.md. */
    static final double[] XOR_FEATURES = {0, 0, 0, 1, 1, 0, 1, 1};

    static final double[] XOR_TARGETS = {0, 1, 1, 0};

    /** Single target {@code y}, features defaulting to the other columns, one output. */
    static final DatasetRequest TARGET_Y = new DatasetRequest(List.of(), List.of("y"), 1);

    private Fixtures() {}

    /** Returns the path of a test resource, such as {@code cases/05-missing-value-tokens/x.csv}. */
    static Path resource(String name) {
        URL url = Fixtures.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes text as UTF-8, byte for byte (no line-end translation). */
    static Path write(Path folder, String name, String content) {
        try {
            return Files.write(folder.resolve(name), content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that a data set is the XOR table read with features x1, x2 and target y. */
    static void assertXor(Dataset dataset) {
        assertEquals(List.of("x1", "x2"), dataset.featureNames());
        assertEquals(List.of("y"), dataset.targetNames());
        assertEquals(4, dataset.examples().rows());
        // Exact: small integers are read without rounding.
        assertArrayEquals(XOR_FEATURES, dataset.examples().features(), 0.0);
        assertArrayEquals(XOR_TARGETS, dataset.examples().targets(), 0.0);
    }

    /** Reads a file that must be refused, returning the exception. */
    static InputDataException refuse(Path file, DatasetRequest request) {
        return assertThrows(InputDataException.class, () -> CsvDatasetReader.read(file, request));
    }

    /** Asserts the parts of one problem; {@code file} is matched by file name. */
    static void assertProblem(
            InputProblem problem, String fileName, String location, String column, String value) {
        assertEquals(fileName, Path.of(problem.file()).getFileName().toString(), problem.describe());
        assertEquals(location, problem.location(), problem.describe());
        assertEquals(column, problem.column(), problem.describe());
        assertEquals(value, problem.value(), problem.describe());
    }
}
