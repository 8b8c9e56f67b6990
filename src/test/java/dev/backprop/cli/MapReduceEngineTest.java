package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.output.JsonFiles;
import dev.backprop.output.WeightsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code engine=mapreduce} in sum mode, on Hadoop's local job runner with several input splits,
 * trains the same network as {@code engine=local} with full-batch settings: weights and error log
 * agree to 1e-12 relative (the sums are added in another order, so bitwise equality is not due).
 */
class MapReduceEngineTest {

    /** Both engines sum the same gradients in different orders; a few ulps per step may differ. */
    private static final double RELATIVE_TOLERANCE = 1e-12;

    private static final String RESOURCES = "src/test/resources/mapreduce/";

    private static final String SMALL_SPLITS = RESOURCES + "small-splits.xml";

    @TempDir
    Path output;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "conf/xor.properties, 4, 2:4:1, sigmoid, sigmoid, 10, ''",
        "conf/iris.properties, 150, 4:8:3, sigmoid, softmax, 5, ''",
        "conf/digits.properties, 1797, 64:32:10, sigmoid, softmax, 2, large-splits.xml",
    })
    void sumModeMatchesLocalFullBatchTraining(String config, int rows, String layers, String hidden,
            String outputActivation, int epochs, String moreHadoopConf) throws Exception {
        String hadoopConf = SMALL_SPLITS + (moreHadoopConf.isEmpty() ? "" : "," + RESOURCES + moreHadoopConf);
        String[] fullBatch = {"batch_size=" + rows, "shuffle=false", "epochs=" + epochs, "validation_fraction=0",
            "learning_rate=0.5", "hyperparameters=", "hadoop_conf=" + hadoopConf};
        Path local = train(config, "local", fullBatch, "engine=local");
        Path mapReduce = train(config, "mapreduce", fullBatch, "engine=mapreduce");

        Architecture architecture = new Architecture(Architecture.parseLayerSizes(layers.replace(':', ',')),
                Activation.fromConfig(hidden), Activation.fromConfig(outputActivation));
        assertClose(WeightsFile.read(local.resolve("weights.csv"), architecture),
                WeightsFile.read(mapReduce.resolve("weights.csv"), architecture), "weights");
        assertClose(errors(local), errors(mapReduce), "error log");
        assertEquals(epochs, errors(mapReduce).length);

        Map<String, Object> localSummary = JsonFiles.read(local.resolve("summary.json"));
        Map<String, Object> clusterSummary = JsonFiles.read(mapReduce.resolve("summary.json"));
        assertEquals(localSummary.get("training_rows"), clusterSummary.get("training_rows"));
        assertEquals(localSummary.get("training_accuracy"), clusterSummary.get("training_accuracy"));
        assertClose(new double[] {number(localSummary, "training_error")},
                new double[] {number(clusterSummary, "training_error")}, "training_error");
    }

    @Test
    void averageModeMixesPerSampleDescentOfOneSplitIntoPerSampleSgd() throws Exception {
        // With one split, parameter mixing averages a single copy: exactly one epoch of
        // per-sample SGD in file order, the local engine's batch_size=1 with shuffle=false.
        String[] settings = {"batch_size=1", "shuffle=false", "epochs=2", "hyperparameters=",
            "learning_rate=0.5"};
        Path local = train("conf/xor.properties", "local", settings, "engine=local");
        Path mapReduce = train("conf/xor.properties", "average", settings, "engine=mapreduce",
                "mapreduce_mode=average");

        Architecture architecture = new Architecture(new int[] {2, 4, 1}, Activation.SIGMOID, Activation.SIGMOID);
        assertClose(WeightsFile.read(local.resolve("weights.csv"), architecture),
                WeightsFile.read(mapReduce.resolve("weights.csv"), architecture), "weights");
        assertClose(errors(local), errors(mapReduce), "error log");
    }

    @Test
    void sumModeRefusesMiniBatchesNamingTheKey() {
        CommandRun result = CommandRun.of("train", "conf/xor.properties", "--output", output.toString(), "--quiet",
                "--set", "hyperparameters=", "--set", "engine=mapreduce", "--set", "batch_size=2");

        assertEquals(ExitCode.CONFIG_ERROR, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("batch_size=2"), result.stderr());
        assertTrue(result.stderr().contains("set batch_size=0 (full batch) or >= 4"), result.stderr());
    }

    @Test
    void badLineIsReportedWithFileOffsetColumnAndValue(@TempDir Path data) throws Exception {
        Path csv = data.resolve("xor.csv");
        java.nio.file.Files.writeString(csv, "x1,x2,y\n0,0,0\n0,NA,1\n1,0,1\n1,1,0\n");
        CommandRun result = CommandRun.of("train", "conf/xor.properties", "--output", output.toString(), "--quiet",
                "--set", "hyperparameters=", "--set", "engine=mapreduce", "--set", "batch_size=4",
                "--set", "data=" + csv);

        assertEquals(ExitCode.INPUT_ERROR, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("line at byte offset 14, column 'x2': value \"NA\""), result.stderr());
    }

    private Path train(String config, String run, String[] settings, String... more) {
        List<String> args = new ArrayList<>(List.of("train", config, "--output", output.toString(), "--quiet"));
        for (String setting : settings) {
            args.add("--set");
            args.add(setting);
        }
        for (String setting : more) {
            args.add("--set");
            args.add(setting);
        }
        args.add("--set");
        args.add("run=" + run);
        CommandRun result = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.stderr());
        return output.resolve("run=" + run);
    }

    private static double[] errors(Path runFolder) throws Exception {
        return Duck.doubles("SELECT error FROM read_parquet(FILE) ORDER BY step",
                runFolder.resolve("error_log.parquet")).stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double number(Map<String, Object> summary, String key) {
        return ((Number) summary.get(key)).doubleValue();
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(Math.abs(expected[i]), Math.abs(actual[i]));
            assertTrue(Math.abs(expected[i] - actual[i]) <= RELATIVE_TOLERANCE * scale,
                    what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
        }
    }
}
