package dev.backprop.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the command line in-process and captures its exit code, stderr and stdout. */
record CommandRun(int exitCode, String stderr, String stdout) {

    static CommandRun of(String... args) {
        return with(CommandLine.defaultFactory(), args);
    }

    /** Runs with a picocli factory, the seam through which tests swap a command's collaborators. */
    static synchronized CommandRun with(CommandLine.IFactory factory, String... args) {
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exitCode = Main.run(factory, args);
            return new CommandRun(exitCode, err.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
    }
}
