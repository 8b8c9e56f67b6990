package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input stops the job before training, with a one-line message naming file, line, column and
 * value, a non-zero exit code, and nothing written under the output folder.
 */
class TrainRefusesBadInputTest {

    @TempDir
    Path folder;

    private Path job(String data, String extra) throws IOException {
        Files.writeString(folder.resolve("train.csv"), data);
        Path job = folder.resolve("job.properties");
        Files.writeString(job, "data = train.csv\nfeatures = x1,x2\ntargets = y\nlayers = 2,2,1\n"
                + "output = out\nepochs = 5\n" + extra);
        return job;
    }

    private void assertNothingWritten() {
        assertFalse(Files.exists(folder.resolve("out")), "the output folder must not be created");
    }

    @Test
    void refusesANonNumericCellNamingFileLineColumnAndValue() throws IOException {
        Path job = job("x1,x2,y\n0,0,0\n0,abc,1\n", "");

        CommandRun result = CommandRun.of("train", job.toString());

        assertEquals(ExitCode.INPUT_ERROR, result.exitCode());
        assertTrue(result.stderr().contains("train.csv: line 3, column 'x2': value \"abc\""), result.stderr());
        assertFalse(result.stderr().contains("\tat "), "no stack trace without --verbose");
        assertNothingWritten();
    }

    @Test
    void refusesAMissingColumnNamingTheHeaderLine() throws IOException {
        Path job = job("x1,x3,y\n0,0,0\n", "");

        CommandRun result = CommandRun.of("train", job.toString());

        assertEquals(ExitCode.INPUT_ERROR, result.exitCode());
        assertTrue(result.stderr().contains("train.csv: line 1"), result.stderr());
        assertTrue(result.stderr().contains("x2"), result.stderr());
        assertNothingWritten();
    }

    @Test
    void refusesAnUnknownKeySuggestingTheNearestOne() throws IOException {
        Path job = job("x1,x2,y\n0,0,0\n", "lerning_rate = 0.5\n");

        CommandRun result = CommandRun.of("train", job.toString());

        assertEquals(ExitCode.CONFIG_ERROR, result.exitCode());
        assertTrue(result.stderr().contains("job.properties line 7: unknown key 'lerning_rate'; did you mean"
                + " 'learning_rate'?"), result.stderr());
        assertNothingWritten();
    }

    @Test
    void refusesAnUnknownKeyGivenWithSet() throws IOException {
        Path job = job("x1,x2,y\n0,0,0\n", "");

        CommandRun result = CommandRun.of("train", job.toString(), "--set", "epoch=3");

        assertEquals(ExitCode.CONFIG_ERROR, result.exitCode());
        assertTrue(result.stderr().contains("--set epoch=3: unknown key 'epoch'; did you mean 'epochs'?"),
                result.stderr());
        assertNothingWritten();
    }

    @Test
    void refusesOutOfRangeHyperparametersAllAtOnce() throws IOException {
        Path job = job("x1,x2,y\n0,0,0\n", "");
        Files.writeString(folder.resolve("hp.csv"), "run,learning_rate,epochs\na,-1,0\n");

        CommandRun result =
                CommandRun.of("train", job.toString(), "--set", "hyperparameters=" + folder.resolve("hp.csv"));

        assertEquals(ExitCode.CONFIG_ERROR, result.exitCode());
        assertTrue(result.stderr().contains("hp.csv line 2, column 'learning_rate', learning_rate: value \"-1\""),
                result.stderr());
        assertTrue(result.stderr().contains("column 'epochs', epochs: value \"0\""), result.stderr());
        assertNothingWritten();
    }

    @Test
    void refusesUnsafeAndDuplicateRunIds() throws IOException {
        Path job = job("x1,x2,y\n0,0,0\n", "");
        Files.writeString(folder.resolve("hp.csv"), "run,seed\n../x,1\na/b,2\nok,3\nok,4\n");

        CommandRun result =
                CommandRun.of("train", job.toString(), "--set", "hyperparameters=" + folder.resolve("hp.csv"));

        assertEquals(ExitCode.CONFIG_ERROR, result.exitCode());
        assertTrue(result.stderr().contains("run id '../x' is not a safe folder name"), result.stderr());
        assertTrue(result.stderr().contains("run id 'a/b' is not a safe folder name"), result.stderr());
        assertTrue(result.stderr().contains("run id 'ok' appears more than once"), result.stderr());
        assertNothingWritten();
    }

    @Test
    void refusesWhatTheMapReduceEngineCannotDoBeforeTouchingTheOutput() throws IOException {
        Path job = job("x1,x2,y\n0,0,0\n", "engine = mapreduce\n");

        CommandRun result = CommandRun.of("train", job.toString(), "--set", "data=train.parquet",
                "--set", "optimizer=adam");

        assertEquals(ExitCode.CONFIG_ERROR, result.exitCode());
        assertTrue(result.stderr().contains("data: value \"train.parquet\" is Parquet, but engine=mapreduce reads"
                + " CSV only"), result.stderr());
        assertTrue(result.stderr().contains("optimizer: engine=mapreduce applies plain gradient descent"),
                result.stderr());
        assertNothingWritten();
    }
}
