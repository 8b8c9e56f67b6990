package dev.backprop.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFilesTest {

    @TempDir
    Path folder;

    /** Keys deliberately out of alphabetical order, with awkward text and doubles. */
    static Map<String, Object> sample() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("run", "r1");
        document.put("final_error", 3.510854812251261e-05);
        document.put("epochs", 300);
        document.put("feature_names", List.of("sepal length (cm)", "Code région"));
        document.put("converged", false);
        document.put("samples_seen", 12_000_000_000L);
        return document;
    }

    @Test
    void roundTripsValuesAndKeyOrder() {
        Path file = folder.resolve("summary.json");
        JsonFiles.write(file, sample());

        Map<String, Object> read = JsonFiles.read(file);

        assertEquals(new ArrayList<>(sample().keySet()), new ArrayList<>(read.keySet()));
        assertEquals(sample(), read);
    }

    @Test
    void writesPrettyUtf8EndingInNewline() throws IOException {
        Path file = folder.resolve("summary.json");
        JsonFiles.write(file, sample());
        String text = Files.readString(file);
        assertTrue(text.startsWith("{\n  \"run\" : \"r1\",\n"), text);
        assertTrue(text.contains("\"Code région\""), text);
        assertTrue(text.endsWith("}\n"), text);
    }

    @Test
    void rejectsAFileThatIsNotAnObject() throws IOException {
        Path file = folder.resolve("bad.json");
        Files.writeString(file, "[1, 2]");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> JsonFiles.read(file));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }
}
