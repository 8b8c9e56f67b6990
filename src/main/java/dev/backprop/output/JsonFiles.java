package dev.backprop.output;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes and reads small JSON documents such as {@code summary.json} and {@code model.json}.
 *
 * <p>Files are UTF-8, pretty-printed with two-space indentation and end with a newline. Keys keep
 * the order of the map written ({@link LinkedHashMap} order) and come back in file order. Doubles
 * are written in their shortest exact form, so they read back bitwise equal; NaN and infinities,
 * which JSON has no number for, are written as the strings {@code "NaN"}, {@code "Infinity"} and
 * {@code "-Infinity"}. Whole numbers read back as {@link Integer} or {@link Long}, other numbers
 * as {@link Double}, arrays as lists and objects as {@link LinkedHashMap}s.
 *
 * <p>Thread-safe.
 */
public final class JsonFiles {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final TypeReference<LinkedHashMap<String, Object>> DOCUMENT = new TypeReference<>() {};

    private JsonFiles() {}

    /**
     * Writes {@code document} to {@code file}, replacing it if present.
     *
     * @param document values may be strings, numbers, booleans, null, lists, arrays and maps
     * @throws IllegalArgumentException if a value cannot be written as JSON
     * @throws UncheckedIOException naming the file if it cannot be written
     */
    public static void write(Path file, Map<String, ?> document) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(document, "document");
        try {
            Files.writeString(file, MAPPER.writeValueAsString(document) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot write " + file + " as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Reads a JSON object from {@code file}.
     *
     * @return the object's members in file order
     * @throws IllegalArgumentException naming the file, line and column if it is not a JSON object
     * @throws UncheckedIOException naming the file if it cannot be read
     */
    public static Map<String, Object> read(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return MAPPER.readValue(file.toFile(), DOCUMENT);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot read " + file + " as a JSON object: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
