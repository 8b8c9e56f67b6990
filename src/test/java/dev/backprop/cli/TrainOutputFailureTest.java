package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output that cannot be written ends the job with exit code 4 and a one-line message naming the
 * path, and leaves the previous outputs as they were.
 *
 * <p>The tests run as root in CI, and root ignores permission bits, so a read-only folder is made
 * with {@code chattr +i} (immutable: no entry can be created, renamed or deleted in it, even by
 * root); as another user {@code chmod a-w} does the same. A full disk is a 512 KiB tmpfs, which
 * only root can mount. Each test is skipped where its tool is not available; the first one needs
 * no tool and always runs.
 */
class TrainOutputFailureTest {

    private static final boolean IS_ROOT = "root".equals(System.getProperty("user.name"));

    @TempDir
    Path folder;

    private Path job(Path output) throws IOException {
        Files.writeString(folder.resolve("train.csv"), "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");
        Path job = folder.resolve("job.properties");
        Files.writeString(job, "data = train.csv\ntargets = y\nlayers = 2,2,1\nrun = r\nepochs = 5\n"
                + "output = " + output + "\n");
        return job;
    }

    private static void assertIoError(CommandRun result, String path) {
        assertEquals(ExitCode.IO_ERROR, result.exitCode(), result.stderr());
        List<String> errors = result.stderr().lines().filter(line -> line.startsWith("backprop: error: ")).toList();
        assertEquals(1, errors.size(), result.stderr());
        assertTrue(errors.get(0).contains(path), "path " + path + " named in: " + errors.get(0));
        assertFalse(result.stderr().contains("\tat "), "no stack trace without --verbose");
    }

    @Test
    void outputUnderARegularFileExitsFourNamingThePath() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("plain-file"), "x");
        Path output = notAFolder.resolve("out");

        CommandRun result = CommandRun.of("train", job(output).toString());

        assertIoError(result, output.toString());
        assertEquals("x", Files.readString(notAFolder));
    }

    @Test
    void readOnlyOutputFolderExitsFourAndKeepsThePreviousRun() throws Exception {
        Path output = folder.resolve("out");
        Path job = job(output);
        assertEquals(0, CommandRun.of("train", job.toString(), "--quiet").exitCode());
        Map<String, String> before = contents(output.resolve("run=r"));

        assumeTrue(makeReadOnly(output, true), "needs chattr +i (as root) or a non-root user");
        CommandRun result;
        try {
            result = CommandRun.of("train", job.toString(), "--set", "seed=2");
        } finally {
            makeReadOnly(output, false);
        }

        assertIoError(result, output.toString());
        assertEquals(before, contents(output.resolve("run=r")), "the previous run is intact");
        assertEquals(List.of(".backprop.lock", "run=r"), names(output));
    }

    @Test
    void fullDiskExitsFourNamingTheFileAndKeepsThePreviousRun() throws Exception {
        Path output = folder.resolve("small-disk");
        Files.createDirectories(output);
        assumeTrue(IS_ROOT && run("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", output.toString()),
                "needs root to mount a tmpfs");
        try {
            Path job = job(output);
            assertEquals(0, CommandRun.of("train", job.toString(), "--quiet").exitCode());
            Map<String, String> before = contents(output.resolve("run=r"));

            // One uncompressed error-log row per update: about 2 MB, four times the disk.
            CommandRun result = CommandRun.of("train", job.toString(), "--set", "epochs=15000",
                    "--set", "log_every=1", "--set", "compression=uncompressed");

            assertIoError(result, output.toString());
            assertTrue(result.stderr().contains("No space left on device"), result.stderr());
            assertEquals(before, contents(output.resolve("run=r")), "the previous run is intact");
            assertEquals(List.of(".backprop.lock", "run=r"), names(output), "the unfinished folder is removed");
        } finally {
            run("umount", output.toString());
        }
    }

    private static boolean makeReadOnly(Path path, boolean isReadOnly) throws Exception {
        if (IS_ROOT) {
            return run("chattr", isReadOnly ? "+i" : "-i", path.toString());
        }
        return path.toFile().setWritable(!isReadOnly, false);
    }

    private static boolean run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Map<String, String> contents(Path runFolder) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.list(runFolder)) {
            for (Path file : files.toList()) {
                contents.put(file.getFileName().toString(),
                        java.util.HexFormat.of().formatHex(Files.readAllBytes(file)));
            }
        }
        return contents;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
