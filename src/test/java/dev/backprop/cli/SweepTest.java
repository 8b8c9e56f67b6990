package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps: the shipped twelve-run XOR sweep, parallel runs and the compact --grid form. */
class SweepTest {

    private static final String ERROR_LOGS = "read_parquet(FILE, hive_partitioning = true)";

    @TempDir
    Path output;

    @Test
    void twelveRunSweepIsOneHivePartitionedTableAndParallelRunsGiveTheSameBits()
            throws IOException, SQLException {
        Path sequential = output.resolve("sequential");
        Path parallel = output.resolve("parallel");
        train("conf/xor-sweep.properties", sequential, "--set", "parallel_runs=1");
        train("conf/xor-sweep.properties", parallel, "--set", "parallel_runs=2");

        List<String> runs = runFolders(sequential);
        assertEquals(12, runs.size(), runs.toString());
        assertEquals(runs, runFolders(parallel));
        assertEquals(List.of(12.0), Duck.doubles("SELECT count(DISTINCT run) FROM " + ERROR_LOGS,
                sequential.resolve("run=*").resolve("error_log.parquet")));
        for (String run : runs) {
            assertArrayEquals(Files.readAllBytes(sequential.resolve(run).resolve("weights.csv")),
                    Files.readAllBytes(parallel.resolve(run).resolve("weights.csv")), run + " weights");
            assertEquals(errorLog(sequential.resolve(run)), errorLog(parallel.resolve(run)), run + " error log");
        }
    }

    @Test
    void gridExpandsToTheCrossProductWithIdsFromTheValues() throws IOException {
        train("conf/xor.properties", output, "--set", "hyperparameters=", "--set", "epochs=3",
                "--grid", "learning_rate=0.1,0.5;optimizer=sgd,momentum");

        assertEquals(List.of("run=learning_rate-0.1_optimizer-momentum", "run=learning_rate-0.1_optimizer-sgd",
                "run=learning_rate-0.5_optimizer-momentum", "run=learning_rate-0.5_optimizer-sgd"),
                runFolders(output));
        String summary = Files.readString(output.resolve("run=learning_rate-0.5_optimizer-momentum")
                .resolve("summary.json"));
        assertTrue(summary.contains("\"learning_rate\" : \"0.5\"") && summary.contains("\"optimizer\" : \"momentum\""),
                summary);
    }

    @Test
    void gridCombinesWithEveryTableRow() throws IOException {
        train("conf/iris.properties", output, "--set", "epochs=1", "--grid", "momentum=0,0.9;optimizer=momentum");

        assertEquals(List.of("run=lr0.01_momentum-0.9_optimizer-momentum", "run=lr0.01_momentum-0_optimizer-momentum",
                "run=lr0.05_momentum-0.9_optimizer-momentum", "run=lr0.05_momentum-0_optimizer-momentum"),
                runFolders(output));
    }

    @Test
    void gridKeyThatIsAlsoATableColumnIsRefused() {
        CommandRun result = CommandRun.of("train", "conf/iris.properties", "--output", output.toString(),
                "--grid", "learning_rate=0.1,0.2");

        assertEquals(ExitCode.CONFIG_ERROR, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("'learning_rate' is also a column of the hyperparameters table"),
                result.stderr());
    }

    @Test
    void jobLevelKeyInTheTableIsRefused() throws IOException {
        Path table = output.resolve("table.csv");
        Files.writeString(table, "run,parallel_runs\na,2\n");
        CommandRun result = CommandRun.of("train", "conf/xor.properties", "--output", output.toString(),
                "--set", "hyperparameters=" + table);

        assertEquals(ExitCode.CONFIG_ERROR, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("column 'parallel_runs': 'parallel_runs' holds for the whole job"),
                result.stderr());
    }

    private static void train(String config, Path out, String... more) {
        String[] args = Stream.concat(Stream.of("train", config, "--output", out.toString(), "--quiet"),
                Stream.of(more)).toArray(String[]::new);
        CommandRun result = CommandRun.of(args);
        assertEquals(0, result.exitCode(), result.stderr());
    }

    private static List<String> runFolders(Path out) throws IOException {
        try (Stream<Path> folders = Files.list(out)) {
            return folders.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("run=")).sorted().toList();
        }
    }

    private static List<String> errorLog(Path runFolder) throws SQLException {
        return Duck.strings("SELECT concat_ws(' ', epoch, step, samples_seen, error, mean_error, learning_rate)"
                + " FROM read_parquet(FILE) ORDER BY step", runFolder.resolve("error_log.parquet"));
    }
}
