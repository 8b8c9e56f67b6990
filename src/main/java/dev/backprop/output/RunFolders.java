package dev.backprop.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the committed run folders ({@code run=<id>} with a {@code summary.json}) of an output folder. */
public final class RunFolders {

    private RunFolders() {}

    /**
     * Lists the complete runs of {@code output}, sorted by folder name; hidden temporary folders
     * of unfinished runs are skipped.
     *
     * @throws IllegalArgumentException naming the folder if it does not exist or holds no runs
     * @throws UncheckedIOException naming the folder if it cannot be listed
     */
    public static List<Path> list(Path output) {
        if (!Files.isDirectory(output)) {
            throw new IllegalArgumentException(output + " is not a folder; give a job's output folder, e.g. out/iris");
        }
        try (Stream<Path> entries = Files.list(output)) {
            List<Path> runs = entries
                    .filter(path -> path.getFileName().toString().startsWith("run="))
                    .filter(path -> Files.isRegularFile(path.resolve("summary.json")))
                    .sorted()
                    .toList();
            if (runs.isEmpty()) {
                throw new IllegalArgumentException(output + " holds no run=<id> folders with a summary.json");
            }
            return runs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + output, e);
        }
    }

    /** The run id of a folder {@code run=<id>}. */
    public static String runId(Path runFolder) {
        return runFolder.getFileName().toString().substring("run=".length());
    }
}
