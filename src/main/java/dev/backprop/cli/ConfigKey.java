package dev.backprop.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every key a job file, a hyperparameters table or {@code --set} may hold, declared once with its
 * default and meaning. Keys are lower-case snake_case, the same word everywhere.
 */
enum ConfigKey {
    DATA("data", null,
            "training data: a CSV file, a Parquet file or a folder of Parquet part files; a local path"
                    + " relative to the job file's folder, or a URI such as hdfs://namenode/path"),
    FEATURES("features", "", "comma-separated feature columns; empty = every column that is not a target"),
    TARGETS("targets", null,
            "comma-separated target columns; one label column with a wider output layer is one-hot encoded"),
    LAYERS("layers", null, "neurons per layer, input first, e.g. 64,32,10"),
    OUTPUT("output", null,
            "output folder, local or a URI such as hdfs://namenode/path; each run writes <output>/run=<id>/"),
    HYPERPARAMETERS("hyperparameters", "",
            "table (CSV, or Parquet if named .parquet) with one row per run; empty = a single run"),
    WEIGHTS("weights", "",
            "initial weights (weights.csv or weights.parquet of an earlier run); empty = drawn from seed"),
    RUN("run", "1", "run id, used as the folder name run=<id>"),
    LEARNING_RATE("learning_rate", "0.1", "gradient-descent step size eta, > 0"),
    EPOCHS("epochs", "100", "passes over the training rows, >= 1"),
    BATCH_SIZE("batch_size", "1", "rows per update, >= 0; 1 = per-sample SGD, 0 = all training rows (full batch)"),
    THREADS("threads", "0", "workers for mini-batches; 0 = all cores"),
    CHUNK_SIZE("chunk_size", "16", "rows per gradient chunk of a mini-batch; results depend on it, not on threads"),
    SEED("seed", "1", "seed of initial weights, shuffling and the validation split"),
    ACTIVATION("activation", "sigmoid", "hidden-layer activation: sigmoid, tanh, relu, identity"),
    OUTPUT_ACTIVATION("output_activation", "",
            "output-layer activation: sigmoid, tanh, relu, identity, softmax; empty = as activation"),
    LOSS("loss", "squared_error", "squared_error (sum of 1/2 (target - out)^2) or cross_entropy"),
    UPDATE_BIASES("update_biases", "true", "train the biases (false holds them fixed, as the worked example does)"),
    SHUFFLE("shuffle", "true", "reshuffle the training rows each epoch (data sets of one row keep their order)"),
    LOG_EVERY("log_every", "0", "updates between error-log rows; 0 = one row per epoch"),
    OPTIMIZER("optimizer", "sgd", "update rule: sgd, momentum, nesterov, adam, rprop (iRprop-, ignores learning_rate)"),
    MOMENTUM("momentum", "0.9", "momentum mu of momentum and nesterov, in [0, 1)"),
    BETA1("beta1", "0.9", "Adam's first-moment decay, in [0, 1)"),
    BETA2("beta2", "0.999", "Adam's second-moment decay, in [0, 1)"),
    EPSILON("epsilon", "1e-8", "Adam's denominator guard, > 0"),
    RPROP_INCREASE("rprop_increase", "1.2", "Rprop step growth factor, > 1"),
    RPROP_DECREASE("rprop_decrease", "0.5", "Rprop step shrink factor, in (0, 1)"),
    RPROP_DELTA_ZERO("rprop_delta_zero", "0.1", "Rprop initial step size, > 0"),
    RPROP_DELTA_MIN("rprop_delta_min", "0", "Rprop smallest step size, >= 0"),
    RPROP_DELTA_MAX("rprop_delta_max", "50", "Rprop largest step size, >= rprop_delta_min"),
    LR_SCHEDULE("lr_schedule", "constant", "learning rate per epoch: constant, step, exponential, cosine"),
    LR_STEP_EVERY("lr_step_every", "10", "epochs between decays of lr_schedule=step, >= 1"),
    LR_GAMMA("lr_gamma", "0.1",
            "decay factor of lr_schedule=step (per lr_step_every epochs) and exponential (per epoch), > 0"),
    LR_MIN("lr_min", "0", "rate lr_schedule=cosine anneals towards, in [0, learning_rate]"),
    WEIGHT_DECAY("weight_decay", "0",
            "L2 coefficient lambda added as lambda * w to each weight's gradient, >= 0; 0 = off"),
    DECAY_BIASES("decay_biases", "false", "apply weight_decay to biases too"),
    CLIP_NORM("clip_norm", "0", "largest Euclidean norm of an update's gradient, >= 0; 0 = off"),
    PATIENCE("patience", "0",
            "epochs without validation improvement before stopping and restoring the best weights; 0 = off"),
    MIN_DELTA("min_delta", "0", "decrease of the validation error that counts as an improvement, >= 0"),
    TARGET_ERROR("target_error", "", "stop after the first epoch whose mean training error is <= this; empty = off"),
    PARALLEL_RUNS("parallel_runs", "1",
            "job-level: runs trained at the same time, >= 1; each run still uses its own threads"),
    SCALE("scale", "none", "input scaling fitted on the training rows: none, minmax, zscore"),
    VALIDATION_FRACTION("validation_fraction", "0",
            "fraction of rows held out for validation, split by seed, in [0, 1)"),
    COMPRESSION("compression", "snappy", "Parquet compression: snappy, zstd, gzip, uncompressed"),
    ON_NULL("on_null", "fail",
            "null cells in used Parquet columns: fail (refuse the input) or skip (leave the row out,"
                    + " counted as rows_skipped)"),
    CACHE("cache", "memory",
            "training data held in memory (memory), read again from Parquet each epoch (stream), or chosen"
                    + " by size against the heap (auto)"),
    CHECKPOINT_EVERY("checkpoint_every", "0",
            "epochs between checkpoints in <output>/.checkpoints/run=<id>/, >= 0; 0 = time-based only"),
    CHECKPOINT_INTERVAL_SECONDS("checkpoint_interval_seconds", "300",
            "a checkpoint after the first epoch that ends this many seconds after the last one, >= 0; 0 = off"),
    ENGINE("engine", "local",
            "where training runs: local (this JVM) or mapreduce (one Hadoop MapReduce job per update)"),
    MAPREDUCE_MODE("mapreduce_mode", "sum",
            "engine=mapreduce: sum (full-batch gradient per job) or average (parameter mixing)"),
    HADOOP_CONF("hadoop_conf", "",
            "engine=mapreduce: comma-separated Hadoop XML files added to the cluster configuration");

    /** Keys that describe the job rather than one run; they may still vary per run. */
    static final List<ConfigKey> PATH_KEYS = List.of(DATA, HYPERPARAMETERS, WEIGHTS, OUTPUT);

    /** Keys that hold for the whole job and may not vary per run (not in the table or a grid). */
    static final List<ConfigKey> JOB_KEYS = List.of(HYPERPARAMETERS, PARALLEL_RUNS);

    private final String key;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The key as written in files, e.g. {@code learning_rate}. */
    String key() {
        return key;
    }

    /** The default value, or empty when the key is required. */
    Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** One line on what the key means. */
    String description() {
        return description;
    }

    /** Finds a key by its written name, exactly. */
    static Optional<ConfigKey> find(String name) {
        return Arrays.stream(values()).filter(k -> k.key.equals(name)).findFirst();
    }

    /** Every key name, in declaration order. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (ConfigKey k : values()) {
            names.add(k.key);
        }
        return names;
    }

    /**
     * Returns the message for an unknown key, suggesting the nearest known one by edit distance.
     */
    static String unknownKeyMessage(String name) {
        String nearest = null;
        int best = Integer.MAX_VALUE;
        for (String candidate : names()) {
            int distance = editDistance(name.toLowerCase(Locale.ROOT), candidate);
            if (distance < best) {
                best = distance;
                nearest = candidate;
            }
        }
        String hint = best <= Math.max(2, name.length() / 3) ? "; did you mean '" + nearest + "'?" : "";
        return "unknown key '" + name + "'" + hint + " (known keys: " + String.join(", ", names()) + ")";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
