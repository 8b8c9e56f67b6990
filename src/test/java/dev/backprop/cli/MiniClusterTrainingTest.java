package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.mapreduce.MapReduceTrainer;
import dev.backprop.mapreduce.RowCounter;
import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.output.JsonFiles;
import dev.backprop.output.WeightsFile;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapreduce.Cluster;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.JobCounter;
import org.apache.hadoop.mapreduce.JobStatus;
import org.apache.hadoop.mapreduce.v2.MiniMRYarnCluster;
import org.apache.hadoop.util.JarFinder;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.fifo.FifoScheduler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine=mapreduce} on a mini Hadoop cluster: data, configs and outputs on HDFS (a
 * MiniDFSCluster with one data node), every MapReduce job on YARN (a MiniMRYarnCluster with one
 * node manager: the application master, three mappers and the reducer run in container JVMs), and
 * the outputs compared with the local engine's. Slow (cluster start-up, a YARN application per
 * job), so tagged {@code cluster}: run with {@code mvn -B verify -Pcluster}.
 */
@Tag("cluster")
class MiniClusterTrainingTest {

    private static final double RELATIVE_TOLERANCE = 1e-12;

    private static final int EPOCHS = 2;

    /** What Hadoop needs from the JDK on Java 17, in every container JVM as in the test's. */
    private static final String ADD_OPENS = String.join(" ", "--add-opens java.base/java.lang=ALL-UNNAMED",
            "--add-opens java.base/java.util=ALL-UNNAMED", "--add-opens java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens java.base/java.net=ALL-UNNAMED", "--add-opens java.base/java.io=ALL-UNNAMED",
            "--add-opens java.base/java.lang.reflect=ALL-UNNAMED");

    /** Container JVMs: Java 17 access for Hadoop, and quick start-up (short-lived, small). */
    private static final String CONTAINER_JVM_OPTIONS = ADD_OPENS
            + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
            + " -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS";

    @TempDir
    Path work;

    @Test
    void sumModeOnHdfsWritesTheLocalEnginesWeightsAndErrorLog() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, work.resolve("dfs").toString());
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        MiniMRYarnCluster yarn = new MiniMRYarnCluster("backprop", 1);
        try {
            yarn.init(yarnConfiguration(dfs.getConfiguration(0)));
            yarn.start();
            Configuration cluster = new Configuration(yarn.getConfig());
            // Else the jobs' containers get the test's own class path ahead of containerClassPath().
            cluster.setBoolean("yarn.is.minicluster", false);
            // MiniDFSCluster's rack mapping is a class of Hadoop's test jar, which nodes lack.
            cluster.unset("net.topology.node.switch.mapping.impl");
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
            assertEveryJobRanOnYarnWithThreeMappers(cluster);
            // EPOCHS training jobs plus a profile and an evaluation job.
            System.out.printf("HDFS and YARN mini-clusters: %d ms for %d MapReduce jobs (%d ms per job)%n",
                    clusterMillis, EPOCHS + 2, clusterMillis / (EPOCHS + 2));
        } finally {
            yarn.stop();
            dfs.shutdown();
        }
    }

    /** The jobs YARN ran: a profile job, one per epoch and an evaluation job, each over 3 splits. */
    private static void assertEveryJobRanOnYarnWithThreeMappers(Configuration conf) throws Exception {
        Cluster yarn = new Cluster(conf);
        try {
            JobStatus[] jobs = yarn.getAllJobStatuses();
            assertEquals(EPOCHS + 2, jobs.length, "MapReduce jobs on YARN");
            for (JobStatus status : jobs) {
                assertEquals(JobStatus.State.SUCCEEDED, status.getState(), status.getJobName());
                Counters counters = yarn.getJob(status.getJobID()).getCounters();
                assertEquals(3, counters.findCounter(JobCounter.TOTAL_LAUNCHED_MAPS).getValue(), status.getJobName());
                assertEquals(150, counters.findCounter(RowCounter.SAMPLES_PROCESSED).getValue(), status.getJobName());
            }
        } finally {
            yarn.close();
        }
    }

    /**
     * YARN settings for this machine: the FIFO scheduler (the capacity scheduler finds no queues
     * here), small containers, container JVMs that run on Java 17 with Hadoop's unshaded jars
     * ({@link #containerClassPath()}), as a real cluster's node managers provide them, and short
     * heartbeats.
     */
    private static Configuration yarnConfiguration(Configuration dfs) {
        Configuration conf = new Configuration(dfs);
        conf.set("yarn.resourcemanager.scheduler.class", FifoScheduler.class.getName());
        conf.set("yarn.application.classpath", String.join(",", containerClassPath()));
        conf.set("mapreduce.application.classpath", "");
        String javaHome = "JAVA_HOME=" + System.getProperty("java.home");
        for (String role : List.of("yarn.app.mapreduce.am", "mapreduce.map", "mapreduce.reduce")) {
            conf.set(role + ".env", javaHome);
        }
        conf.set("yarn.app.mapreduce.am.command-opts", "-Xmx256m " + CONTAINER_JVM_OPTIONS);
        conf.set("mapreduce.map.java.opts", "-Xmx200m " + CONTAINER_JVM_OPTIONS);
        conf.set("mapreduce.reduce.java.opts", "-Xmx200m " + CONTAINER_JVM_OPTIONS);
        conf.setInt("yarn.app.mapreduce.am.scheduler.heartbeat.interval-ms", 100);
        conf.setInt("yarn.resourcemanager.nodemanagers.heartbeat-interval-ms", 100);
        // A second attempt of a slow map costs another JVM start on two cores: none.
        conf.setBoolean("mapreduce.map.speculative", false);
        conf.setBoolean("mapreduce.reduce.speculative", false);
        // The node manager's shutdown waits this long for finished applications' containers.
        conf.setLong("yarn.nodemanager.process-kill-wait.ms", 200);
        conf.setLong("yarn.nodemanager.sleep-delay-before-sigkill.ms", 100);
        conf.setInt("yarn.app.mapreduce.am.resource.mb", 512);
        conf.setInt("mapreduce.map.memory.mb", 256);
        conf.setInt("mapreduce.reduce.memory.mb", 256);
        conf.setInt("yarn.scheduler.minimum-allocation-mb", 128);
        return conf;
    }

    /**
     * The test's class path without the shaded {@code hadoop-client-*} jars: Hadoop's unshaded
     * jars (the {@code cluster} profile's) and their dependencies, as a cluster's nodes hold them.
     * Mixing both fails: the unshaded application master meets shaded Guice in the web UI.
     */
    private static List<String> containerClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return java.util.Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("hadoop-client-"))
                .toList();
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
