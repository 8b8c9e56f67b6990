package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.data.StorageLocation;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job against HDFS: Parquet data and a CSV hyperparameters table read from {@code hdfs://},
 * outputs written there through the upload-and-rename commit, read back and compared with a local
 * run. Starts a one-node MiniDFSCluster (about 6 s), so it runs in the {@code cluster} profile:
 * {@code mvn -B verify -Pcluster}.
 */
@Tag("cluster")
class HdfsTrainClusterTest {

    private static MiniDFSCluster cluster;

    @TempDir
    static Path folder;

    @BeforeAll
    static void startCluster() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, folder.resolve("dfs").toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    @Test
    void trainsFromHdfsAndWritesOutputsThere() throws Exception {
        FileSystem hdfs = cluster.getFileSystem();
        String base = hdfs.getUri() + "/jobs";
        Path data = Path.of("src/test/resources/cases/13-parquet-row-groups-dictionary/train_3_row_groups.parquet");
        Files.writeString(folder.resolve("hp.csv"), "run,learning_rate\nh1,0.5\nh2,0.25\n");
        hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(data.toAbsolutePath().toUri()),
                new org.apache.hadoop.fs.Path(base + "/train.parquet"));
        hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(folder.resolve("hp.csv").toUri()),
                new org.apache.hadoop.fs.Path(base + "/hp.csv"));
        Path job = folder.resolve("job.properties");
        Files.writeString(job, "targets = y\nlayers = 2,3,1\nepochs = 20\nseed = 3\n");

        CommandRun remote = CommandRun.of("train", job.toString(), "--quiet",
                "--set", "data=" + base + "/train.parquet", "--set", "hyperparameters=" + base + "/hp.csv",
                "--output", base + "/out");
        CommandRun local = CommandRun.of("train", job.toString(), "--quiet",
                "--set", "data=" + data.toAbsolutePath(), "--set", "hyperparameters=" + folder.resolve("hp.csv"),
                "--output", folder.resolve("local").toString());

        assertEquals(0, remote.exitCode(), remote.stderr());
        assertEquals(0, local.exitCode(), local.stderr());
        for (String run : new String[] {"run=h1", "run=h2"}) {
            byte[] fromHdfs = read(hdfs, base + "/out/" + run + "/weights.csv");
            assertArrayEquals(
                    Files.readAllBytes(folder.resolve("local").resolve(run).resolve("weights.csv")), fromHdfs);
            assertTrue(hdfs.exists(new org.apache.hadoop.fs.Path(base + "/out/" + run + "/error_log.parquet")));
        }
        assertFalse(Arrays.stream(hdfs.listStatus(new org.apache.hadoop.fs.Path(base + "/out")))
                .anyMatch(status -> status.getPath().getName().startsWith(".")), "no temporary folders left");
        assertTrue(new StorageLocation(base + "/out").fileSystem().exists(
                new org.apache.hadoop.fs.Path(base + "/out/run=h1/summary.json")));
    }

    private static byte[] read(FileSystem fs, String path) throws Exception {
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(path))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
