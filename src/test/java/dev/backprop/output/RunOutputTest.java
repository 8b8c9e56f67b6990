package dev.backprop.output;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOutputTest {

    /** Above Linux's largest process id (2^22), so never a live process. */
    private static final long DEAD_PID = 99_999_999L;

    @TempDir
    Path outputDir;

    private List<String> entries(Path folder) throws IOException {
        try (Stream<Path> paths = Files.list(folder)) {
            return paths.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static void writeMarker(Path folder, String text) throws IOException {
        Files.writeString(folder.resolve("marker.txt"), text, UTF_8);
    }

    private static String readMarker(Path folder) throws IOException {
        return Files.readString(folder.resolve("marker.txt"), UTF_8);
    }

    @Test
    void writesIntoHiddenFolderAndCommitsIntoPlace() throws IOException {
        RunOutput run = RunOutput.begin(outputDir, "a1");
        String temporaryName = run.temporaryFolder().getFileName().toString();
        assertTrue(temporaryName.startsWith(".run=a1.tmp-" + ProcessHandle.current().pid() + "-"), temporaryName);

        writeMarker(run.temporaryFolder(), "new");
        Path folder = run.commit();

        assertEquals(outputDir.resolve("run=a1"), folder);
        assertEquals("new", readMarker(folder));
        assertEquals(List.of("run=a1"), entries(outputDir));
    }

    @Test
    void previousOutputStaysIntactUntilTheNewOneIsCommitted() throws IOException {
        RunOutput first = RunOutput.begin(outputDir, "a1");
        writeMarker(first.temporaryFolder(), "old");
        first.commit();

        RunOutput second = RunOutput.begin(outputDir, "a1");
        writeMarker(second.temporaryFolder(), "new");
        assertEquals("old", readMarker(outputDir.resolve("run=a1")), "before commit");
        second.commit();

        assertEquals("new", readMarker(outputDir.resolve("run=a1")));
        assertEquals(List.of("run=a1"), entries(outputDir), "no .old or .tmp folder left");
    }

    @Test
    void abortDeletesTheTemporaryFolderAndKeepsThePreviousOutput() throws IOException {
        RunOutput first = RunOutput.begin(outputDir, "a1");
        writeMarker(first.temporaryFolder(), "old");
        first.commit();

        try (RunOutput failed = RunOutput.begin(outputDir, "a1")) {
            writeMarker(failed.temporaryFolder(), "partial");
            Files.createDirectories(failed.temporaryFolder().resolve("nested/deeper"));
        }

        assertEquals("old", readMarker(outputDir.resolve("run=a1")));
        assertEquals(List.of("run=a1"), entries(outputDir));
    }

    @Test
    void commitAfterAbortIsRejected() {
        RunOutput run = RunOutput.begin(outputDir, "a1");
        run.abort();
        assertThrows(IllegalStateException.class, run::commit);
    }

    @Test
    void recoverRestoresOldFolderWhenTheJobDiedBetweenRenames() throws IOException {
        Path old = Files.createDirectory(outputDir.resolve(".run=a1.old-" + DEAD_PID));
        writeMarker(old, "old");

        RunOutput.recover(outputDir);

        assertEquals("old", readMarker(outputDir.resolve("run=a1")));
        assertEquals(List.of("run=a1"), entries(outputDir));
    }

    @Test
    void recoverDeletesOldFolderWhenTheNewOneIsInPlace() throws IOException {
        writeMarker(Files.createDirectory(outputDir.resolve("run=a1")), "new");
        writeMarker(Files.createDirectory(outputDir.resolve(".run=a1.old-" + DEAD_PID)), "old");

        RunOutput.recover(outputDir);

        assertEquals("new", readMarker(outputDir.resolve("run=a1")));
        assertEquals(List.of("run=a1"), entries(outputDir));
    }

    @Test
    void recoverDeletesLeftoverTemporaryFoldersOfDeadJobs() throws IOException {
        Path leftover = Files.createDirectories(outputDir.resolve(".run=a.b-1.tmp-" + DEAD_PID + "-3f2a/sub"));
        writeMarker(leftover, "partial");
        writeMarker(Files.createDirectory(outputDir.resolve("run=keep")), "kept");

        RunOutput.recover(outputDir);

        assertEquals(List.of("run=keep"), entries(outputDir));
    }

    @Test
    void recoverLeavesTemporaryFolderOfARunningProcess() throws IOException {
        long livePid = ProcessHandle.current().parent().orElseThrow().pid();
        Path live = Files.createDirectory(outputDir.resolve(".run=a1.tmp-" + livePid + "-1"));

        RunOutput.recover(outputDir);

        assertTrue(Files.isDirectory(live));
    }

    @Test
    void recoverIgnoresAMissingOutputFolder() {
        RunOutput.recover(outputDir.resolve("absent"));
        assertFalse(Files.exists(outputDir.resolve("absent")));
    }

    @Test
    void rejectsRunIdsThatAreNotSafeFolderNames() {
        for (String runId : new String[] {"", "../x", ".hidden", "a/b", "a b", "-x"}) {
            IllegalArgumentException error =
                    assertThrows(IllegalArgumentException.class, () -> RunOutput.begin(outputDir, runId));
            assertTrue(error.getMessage().contains("'" + runId + "'"), error.getMessage());
        }
    }
}
