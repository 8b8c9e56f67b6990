package dev.backprop.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The job run in a child JVM ({@code java -cp <test class path> dev.backprop.cli.Main ...}), for
 * tests that kill it or run two jobs at once. Its stderr lines are collected as they come.
 */
final class ChildJob {

    private final Process process;
    private final List<String> stderrLines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildJob(Process process) {
        this.process = process;
        this.reader = new Thread(this::collectStderr, "child-stderr-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code backprop <args>} in a new JVM with the working directory {@code folder}. */
    static ChildJob start(Path folder, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        // Surefire starts tests through a manifest-only jar; this property holds the real path.
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(folder.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return new ChildJob(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void collectStderr() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                stderrLines.add(line);
            }
        } catch (IOException e) {
            // The child was killed; the lines so far are all there is.
        }
    }

    /** Waits up to {@code timeoutMillis} for a stderr line containing {@code text}; false if none. */
    boolean awaitLine(String text, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (stderrLines.stream().anyMatch(line -> line.contains(text))) {
                return true;
            }
            if (!process.isAlive() && !reader.isAlive()) {
                return stderrLines.stream().anyMatch(line -> line.contains(text));
            }
            Thread.sleep(2);
        }
        return false;
    }

    /** SIGKILLs the child and waits until it is gone; returns true if it was still running. */
    boolean kill() throws InterruptedException {
        boolean wasAlive = process.isAlive();
        process.destroyForcibly();
        process.waitFor();
        return wasAlive;
    }

    /** Waits for the child to end and returns its exit code. */
    int waitFor(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child job did not end within " + timeoutSeconds + " s: " + stderr());
        }
        reader.join(5_000);
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stderr() {
        return String.join("\n", stderrLines);
    }
}
