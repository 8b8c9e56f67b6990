package dev.backprop.cli;

import dev.backprop.data.Dataset;
import dev.backprop.training.Examples;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fingerprints of runs: a SHA-256 over everything that decides a run's weights and error log, so
 * that {@code --resume} never continues a checkpoint, or skips a finished output, made with other
 * settings or data.
 *
 * <p>Covered: every resolved key except those listed in {@link #NEUTRAL_KEYS}, the parsed training
 * examples bit for bit (so a data file that was rewritten with the same numbers still matches,
 * and one with a single changed value does not), the feature, target and class names, and the
 * initial weights (whether drawn from {@code seed} or read from {@code weights}). Not covered:
 * keys that change where or how fast results are written but not the results: paths, the run
 * id, {@code threads} (results do not depend on it), {@code parallel_runs}, {@code compression}
 * and the checkpoint keys.
 *
 * <p>Thread-safe; a data set shared by several runs is hashed once.
 */
final class RunFingerprints {

    /** Keys whose values do not change a run's weights or error log. */
    static final Set<String> NEUTRAL_KEYS = Set.of(ConfigKey.DATA.key(), ConfigKey.HYPERPARAMETERS.key(),
            ConfigKey.WEIGHTS.key(), ConfigKey.OUTPUT.key(), ConfigKey.RUN.key(), ConfigKey.THREADS.key(),
            ConfigKey.PARALLEL_RUNS.key(), ConfigKey.COMPRESSION.key(), ConfigKey.CHECKPOINT_EVERY.key(),
            ConfigKey.CHECKPOINT_INTERVAL_SECONDS.key());

    private static final String FORMAT = "backprop-run-fingerprint-1";
    private static final int BUFFER_DOUBLES = 8192;

    private final Map<Dataset, byte[]> datasetDigests = new IdentityHashMap<>();

    /**
     * The fingerprint of {@code run} trained on {@code dataset} from {@code initialParameters}, as
     * 64 hexadecimal digits.
     */
    String of(RunSpec run, Dataset dataset, double[] initialParameters) {
        MessageDigest digest = sha256();
        digest.update((FORMAT + "\n").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> setting : new TreeMap<>(run.settings()).entrySet()) {
            if (!NEUTRAL_KEYS.contains(setting.getKey())) {
                digest.update((setting.getKey() + "=" + setting.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        digest.update(digestOf(dataset));
        updateWithDoubles(digest, initialParameters);
        return HexFormat.of().formatHex(digest.digest());
    }

    private byte[] digestOf(Dataset dataset) {
        synchronized (datasetDigests) {
            return datasetDigests.computeIfAbsent(dataset, RunFingerprints::hash);
        }
    }

    private static byte[] hash(Dataset dataset) {
        MessageDigest digest = sha256();
        String names = dataset.featureNames() + "\n" + dataset.targetNames() + "\n" + dataset.classLabels() + "\n";
        digest.update(names.getBytes(StandardCharsets.UTF_8));
        Examples examples = dataset.examples();
        digest.update(ByteBuffer.allocate(3 * Integer.BYTES).putInt(examples.rows())
                .putInt(examples.featureCount()).putInt(examples.targetCount()).flip());
        updateWithDoubles(digest, examples.features());
        updateWithDoubles(digest, examples.targets());
        return digest.digest();
    }

    /** Feeds the raw bits of {@code values} to the digest through a small reused buffer. */
    private static void updateWithDoubles(MessageDigest digest, double[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(BUFFER_DOUBLES * Double.BYTES);
        DoubleBuffer doubles = bytes.asDoubleBuffer();
        for (int from = 0; from < values.length; from += BUFFER_DOUBLES) {
            int count = Math.min(BUFFER_DOUBLES, values.length - from);
            doubles.clear();
            doubles.put(values, from, count);
            bytes.clear().limit(count * Double.BYTES);
            digest.update(bytes);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
