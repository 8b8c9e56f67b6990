package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.mapreduce.MapReduceTrainer;
import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.output.JsonFiles;
import dev.backprop.output.WeightsFile;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.util.JarFinder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine=mapreduce} with data and outputs on HDFS (a MiniDFSCluster with one data node),
 * three mappers over iris. Slower than the rest (HDFS start-up), so tagged {@code cluster}: run
 * with {@code mvn -B verify -Pcluster}.
 *
 * <p>Known shortcoming: the jobs run in Hadoop's local job runner, not on YARN. A MiniYARNCluster
 * starts from the shaded {@code hadoop-client-minicluster}, but running MapReduce on it needs
 * {@code MRAppMaster} and the shuffle service ({@code hadoop-mapreduce-client-app} and
 * {@code -shuffle}), which no shaded artifact contains; adding the unshaded ones in the
 * {@code cluster} profile, with {@code MiniMRYarnCluster}, would close the gap.
 */
@Tag("cluster")
class MiniClusterTrainingTest {

    private static final double RELATIVE_TOLERANCE = 1e-12;

    private static final int EPOCHS = 3;

    @TempDir
    Path work;

    @Test
    void sumModeOnHdfsWritesTheLocalEnginesWeightsAndErrorLog() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, work.resolve("dfs").toString());
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            Configuration cluster = new Configuration(dfs.getConfiguration(0));
            cluster.set("mapreduce.framework.name", "local");
            String hdfs = dfs.getFileSystem().getUri().toString();
            Path clusterXml = writeClusterConfiguration(cluster);
            FileSystem fileSystem = dfs.getFileSystem();
            fileSystem.copyFromLocalFile(new org.apache.hadoop.fs.Path(Path.of("data/iris.csv").toUri()),
                    new org.apache.hadoop.fs.Path(hdfs + "/data/iris.csv"));
            fileSystem.copyFromLocalFile(new org.apache.hadoop.fs.Path(clusterXml.toUri()),
                    new org.apache.hadoop.fs.Path(hdfs + "/conf/cluster.xml"));

            long startNanos = System.nanoTime();
            train("engine=mapreduce", "data=" + hdfs + "/data/iris.csv", "output=" + hdfs + "/out",
                    "hadoop_conf=" + clusterXml);
            long clusterMillis = (System.nanoTime() - startNanos) / 1_000_000;
            train("engine=local", "output=" + work.resolve("local"));

            Path fromHdfs = work.resolve("from-hdfs");
            fileSystem.copyToLocalFile(new org.apache.hadoop.fs.Path(hdfs + "/out/run=iris"),
                    new org.apache.hadoop.fs.Path(fromHdfs.toUri()));
            compare(work.resolve("local/run=iris"), fromHdfs);
            // EPOCHS training jobs plus a profile and an evaluation job.
            System.out.printf("HDFS mini-cluster, local job runner: %d ms for %d MapReduce jobs (%d ms per job)%n", clusterMillis,
                    EPOCHS + 2, clusterMillis / (EPOCHS + 2));
        } finally {
            dfs.shutdown();
        }
    }

    /** The cluster's settings with 1 KiB splits (3 mappers for iris) and a job jar, as a file. */
    private Path writeClusterConfiguration(Configuration cluster) throws Exception {
        cluster.setLong("mapreduce.input.fileinputformat.split.maxsize", 1024);
        // A dump of every setting would pin Hadoop's 5 s completion poll; leave it to backprop.
        cluster.unset("mapreduce.client.completion.pollinterval");
        // The tests run from target/classes; a cluster needs a jar, as backprop.jar is in real use.
        cluster.set("mapreduce.job.jar", JarFinder.getJar(MapReduceTrainer.class));
        cluster.set("tmpjars", Path.of(CSVFormat.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toUri().toString());
        Path file = work.resolve("cluster.xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            cluster.writeXml(out);
        }
        return file;
    }

    private void train(String... settings) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "conf/iris.properties", "--quiet"));
        for (String setting : List.of("hyperparameters=", "run=iris", "batch_size=150", "shuffle=false",
                "epochs=" + EPOCHS, "learning_rate=0.5")) {
            args.add("--set");
            args.add(setting);
        }
        for (String setting : settings) {
            args.add("--set");
            args.add(setting);
        }
        CommandRun result = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.stderr());
    }

    private static void compare(Path local, Path cluster) throws Exception {
        Architecture architecture = new Architecture(new int[] {4, 8, 3}, Activation.SIGMOID, Activation.SOFTMAX);
        assertClose(WeightsFile.read(local.resolve("weights.parquet"), architecture),
                WeightsFile.read(cluster.resolve("weights.parquet"), architecture), "weights");
        assertClose(errors(local), errors(cluster), "error log");
        Map<String, Object> summary = JsonFiles.read(cluster.resolve("summary.json"));
        assertEquals(150, ((Number) summary.get("training_rows")).intValue());
        assertTrue(Files.exists(cluster.resolve("model.json")));
    }

    private static double[] errors(Path runFolder) throws Exception {
        return Duck.doubles("SELECT error FROM read_parquet(FILE) ORDER BY step",
                runFolder.resolve("error_log.parquet")).stream().mapToDouble(Double::doubleValue).toArray();
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
