package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks made before any training, at the level of the whole job: exit code, one line per
 * problem naming file, line or row, column and value, and nothing written under the output.
 * Complements {@link TrainRefusesBadInputTest} and {@link InputCasesTest}.
 */
class TrainValidatesBeforeTrainingTest {

    private static final String XOR = "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n";

    @TempDir
    Path folder;

    private Path job(String data, String... lines) throws IOException {
        Files.writeString(folder.resolve("train.csv"), data);
        Path job = folder.resolve("job.properties");
        Files.writeString(job, "data = train.csv\nfeatures = x1,x2\ntargets = y\nlayers = 2,2,1\n"
                + "output = out\nepochs = 5\nrun = r\n" + String.join("\n", lines) + "\n");
        return job;
    }

    private static CommandRun train(Path job, String... more) {
        List<String> args = new ArrayList<>(List.of("train", job.toString()));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private void assertFailed(CommandRun result, int exitCode, String... mentions) {
        assertEquals(exitCode, result.exitCode(), result.stderr());
        for (String mention : mentions) {
            assertTrue(result.stderr().contains(mention), "'" + mention + "' in: " + result.stderr());
        }
        assertFalse(result.stderr().contains("\tat "), "no stack trace without --verbose");
        assertFalse(Files.exists(folder.resolve("out")), "nothing may be written under the output");
    }

    @Test
    void refusesALayerOfSizeZeroNamingTheLineOfTheValueInEffect() throws IOException {
        CommandRun result = train(job(XOR, "layers = 2,0,1"));

        // line 8 repeats the key of line 4; the later value counts, so its line is named.
        assertFailed(result, ExitCode.CONFIG_ERROR, "job.properties line 8, layers: every layer needs at"
                + " least one neuron, got layers=[2, 0, 1]");
    }

    @Test
    void refusesNaNAndInfiniteHyperparametersWithTheStrictNumberGrammar() throws IOException {
        CommandRun result = train(job(XOR), "--set", "learning_rate=NaN", "--set", "validation_fraction=Infinity");

        assertFailed(result, ExitCode.CONFIG_ERROR, "--set learning_rate=NaN, learning_rate: value \"NaN\" is not a"
                + " number", "--set validation_fraction=Infinity, validation_fraction: value \"Infinity\"");
    }

    @Test
    void refusesAZeroLearningRateAndReportsEveryConfigProblemAtOnce() throws IOException {
        CommandRun result = train(job(XOR, "learning_rate = 0", "epochs = 0", "layers = 2,0,1", "sede = 3"));

        assertFailed(result, ExitCode.CONFIG_ERROR, "unknown key 'sede'; did you mean 'seed'?");
        assertEquals(1, result.stderr().lines().filter(line -> line.contains("'sede'")).count(), result.stderr());
        // The unknown key stops the job before values are read; fixing it shows the rest together.
        CommandRun fixed = train(job(XOR, "learning_rate = 0", "epochs = 0", "layers = 2,0,1"));
        assertFailed(fixed, ExitCode.CONFIG_ERROR, "learning_rate: value \"0\" is out of range",
                "epochs: value \"0\" is out of range", "layers: ");
        assertEquals(3, fixed.stderr().lines().filter(line -> line.startsWith("backprop: error: ")).count(),
                fixed.stderr());
    }

    @Test
    void refusesNaNAndInfiniteCellsNamingEach() throws IOException {
        CommandRun result = train(job("x1,x2,y\n0,0,0\nNaN,1,1\n1,Infinity,1\n1,1,1e999\n"));

        assertFailed(result, ExitCode.INPUT_ERROR, "train.csv: line 3, column 'x1': value \"NaN\"",
                "train.csv: line 4, column 'x2': value \"Infinity\"", "train.csv: line 5, column 'y': value \"1e999\"");
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        assertFailed(train(job("")), ExitCode.INPUT_ERROR, "train.csv", "the file is empty");
    }

    @Test
    void refusesAHeaderOnlyFile() throws IOException {
        assertFailed(train(job("x1,x2,y\r\n")), ExitCode.INPUT_ERROR, "train.csv",
                "holds no training examples (0 rows)");
    }

    @Test
    void acceptsAByteOrderMarkAndCrlfLineEnds() throws IOException {
        CommandRun result = train(job("\uFEFFx1,x2,y\r\n0,0,0\r\n0,1,1\r\n1,0,1\r\n1,1,0\r\n"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("4 rows, 2 feature columns [x1, x2]"), result.stderr());
    }

    @Test
    void refusesAWeightsFileWhoseShapeDoesNotMatchTheLayers() throws IOException {
        Path job = job(XOR);
        assertEquals(0, train(job, "--quiet").exitCode());
        Path weights = folder.resolve("out/run=r/weights.csv");
        Path earlier = Files.move(weights.getParent(), folder.resolve("earlier"));

        CommandRun result = train(job, "--set", "layers=2,3,1", "--set", "weights=" + earlier.resolve("weights.csv"));

        assertEquals(ExitCode.INPUT_ERROR, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains(earlier.resolve("weights.csv").toString()), result.stderr());
        assertTrue(result.stderr().contains("layers=2,3,1"), result.stderr());
        assertFalse(Files.exists(folder.resolve("out/run=r")), "no run may be written");
    }

    @Test
    void refusesAnEmptyRunId() throws IOException {
        Path job = job(XOR);
        Files.writeString(folder.resolve("hp.csv"), "run,seed\n,1\nok,2\n");

        CommandRun result = train(job, "--set", "hyperparameters=" + folder.resolve("hp.csv"));

        assertFailed(result, ExitCode.CONFIG_ERROR, "run id '' is not a safe folder name");
    }

    @Test
    void missingDataFileIsAnIoErrorNamingThePath() throws IOException {
        Path job = job(XOR, "data = missing.csv");

        assertFailed(train(job), ExitCode.IO_ERROR, folder.resolve("missing.csv").toString());
    }

    @Test
    void unknownCommandLineOptionIsAUsageError() throws IOException {
        CommandRun result = train(job(XOR), "--frobnicate");

        assertFailed(result, ExitCode.CONFIG_ERROR, "Unknown option: '--frobnicate'");
    }
}
