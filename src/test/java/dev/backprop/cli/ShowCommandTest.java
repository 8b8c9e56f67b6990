package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code show} prints the worked example's error-log rows that the README's quick start cites. */
class ShowCommandTest {

    @TempDir
    Path output;

    @Test
    void showsTheFilteredRowsOfTheErrorLog() {
        CommandRun train = CommandRun.of("train", "conf/mazur.properties", "--output", output.toString(), "--quiet");
        assertEquals(0, train.exitCode(), train.stderr());

        CommandRun show = CommandRun.of("show", output.resolve("run=mazur/error_log.parquet").toString(),
                "--where", "step=1,2,10000");

        assertEquals(0, show.exitCode(), show.stderr());
        List<String> lines = show.stdout().lines().toList();
        assertEquals(4, lines.size(), show.stdout());
        assertTrue(lines.get(0).trim().startsWith("run  epoch   step"), lines.get(0));
        assertTrue(lines.get(1).contains(" 0.2983711087600027 "), lines.get(1));
        assertTrue(lines.get(2).contains(" 0.29102777369359933 "), lines.get(2));
        assertTrue(lines.get(3).contains(" 3.510854812251261E-5 "), lines.get(3));
    }

    @Test
    void refusesAnUnknownColumnNamingTheColumnsThereAre() {
        CommandRun train = CommandRun.of("train", "conf/mazur.properties", "--output", output.toString(), "--quiet");
        assertEquals(0, train.exitCode(), train.stderr());

        CommandRun show = CommandRun.of("show", output.resolve("run=mazur/weights.parquet").toString(),
                "--where", "stp=1");

        assertEquals(ExitCode.CONFIG_ERROR, show.exitCode());
        assertTrue(show.stderr().contains("--where stp=1: expected COLUMN=V1,V2 with COLUMN one of [layer, neuron"),
                show.stderr());
    }
}
