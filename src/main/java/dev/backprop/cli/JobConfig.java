package dev.backprop.cli;

import dev.backprop.data.NullPolicy;
import dev.backprop.data.NumberGrammar;
import dev.backprop.data.StorageLocation;
import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.Loss;
import dev.backprop.training.CheckpointPolicy;
import dev.backprop.training.LearningRateSchedule;
import dev.backprop.training.OptimizerSettings;
import dev.backprop.training.TrainingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a job file, its hyperparameters table and the command line's overrides into one
 * {@link RunSpec} per run, checking every value before any data is opened.
 *
 * <p>Precedence, lowest first: built-in defaults, the job file, the run's row of the
 * hyperparameters table, {@code --set}, and {@code --output}. Relative paths in the job file and
 * the table are taken from the job file's folder; those given on the command line from the
 * working directory.
 */
final class JobConfig {

    /** Ten years: longer checkpoint intervals are surely a mistake. */
    private static final long MAX_INTERVAL_SECONDS = 10L * 366 * 24 * 3600;

    private static final Pattern SAFE_RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path jobFile;
    private final Path jobFolder;
    private final List<String> problems = new ArrayList<>();

    private JobConfig(Path jobFile) {
        this.jobFile = jobFile;
        this.jobFolder = jobFile.toAbsolutePath().getParent();
    }

    /**
     * Resolves the runs of a job without a grid.
     *
     * @see #load(Path, List, Optional, Optional)
     */
    static List<RunSpec> load(Path jobFile, List<String> overrides, Optional<Path> outputOverride) {
        return load(jobFile, overrides, Optional.empty(), outputOverride.map(Path::toString)).runs();
    }

    /**
     * Resolves the runs of a job and its job-level settings.
     *
     * @param overrides {@code key=value} texts from {@code --set}
     * @param grid the {@code --grid} text, e.g. {@code learning_rate=0.1,0.5;momentum=0,0.9}, if given
     * @param outputOverride the {@code --output} folder, if given
     * @throws ConfigException listing every problem found
     * @throws dev.backprop.data.InputDataException when the hyperparameters table is malformed
     */
    static JobSpec load(Path jobFile, List<String> overrides, Optional<String> grid, Optional<String> outputOverride) {
        JobConfig config = new JobConfig(jobFile);
        Map<String, Setting> job = config.readJobFile();
        Map<String, Setting> commandLine = config.parseOverrides(overrides, outputOverride);
        List<Map<String, Setting>> rows = config.readTable(job, commandLine);
        List<Map<String, Setting>> gridPoints = grid.isPresent()
                ? SweepGrid.parse(grid.get(), config.problems).points()
                : List.of(Map.of());
        config.throwIfProblems();
        rows = SweepGrid.combine(rows, gridPoints, config.hasTable(job, commandLine), config.problems);
        config.throwIfProblems();

        List<RunSpec> runs = new ArrayList<>();
        for (Map<String, Setting> row : rows) {
            Map<String, Setting> merged = new LinkedHashMap<>(job);
            merged.putAll(row);
            merged.putAll(commandLine);
            config.resolve(merged).ifPresent(runs::add);
        }
        config.checkRunIds(runs);
        int parallelRuns = config.parallelRuns(job, commandLine);
        config.throwIfProblems();
        return new JobSpec(runs, parallelRuns);
    }

    private boolean hasTable(Map<String, Setting> job, Map<String, Setting> commandLine) {
        Setting table = commandLine.getOrDefault(ConfigKey.HYPERPARAMETERS.key(),
                job.get(ConfigKey.HYPERPARAMETERS.key()));
        return table != null && !table.value().isEmpty();
    }

    private int parallelRuns(Map<String, Setting> job, Map<String, Setting> commandLine) {
        Map<String, Setting> merged = new LinkedHashMap<>(job);
        merged.putAll(commandLine);
        return (int) new RunValues(merged, problems).whole(ConfigKey.PARALLEL_RUNS, 1, 4096);
    }

    private Map<String, Setting> readJobFile() {
        String text = readText(jobFile);
        Properties properties = new Properties();
        try {
            properties.load(new java.io.StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            problems.add(jobFile + ": cannot be read as a properties file: " + e.getMessage());
            return Map.of();
        }

        Map<String, Setting> settings = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            String where = jobFile + " line " + lineOf(text, name);
            if (ConfigKey.find(name).isEmpty()) {
                problems.add(where + ": " + ConfigKey.unknownKeyMessage(name));
            } else {
                settings.put(name, new Setting(properties.getProperty(name).trim(), where, jobFolder));
            }
        }
        return settings;
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read job file " + file, e);
        }
    }

    private static int lineOf(String text, String key) {
        String[] lines = text.split("\r?\n", -1);
        Pattern start = Pattern.compile("\\s*" + Pattern.quote(key) + "\\s*[=:\\s].*|\\s*" + Pattern.quote(key));
        // From the end: when a key is written twice, Properties keeps the last value.
        for (int i = lines.length - 1; i >= 0; i--) {
            if (start.matcher(lines[i]).matches()) {
                return i + 1;
            }
        }
        return 0;
    }

    private Map<String, Setting> parseOverrides(List<String> overrides, Optional<String> outputOverride) {
        Map<String, Setting> settings = new LinkedHashMap<>();
        Path workingDirectory = Path.of("").toAbsolutePath();
        for (String override : overrides) {
            int equals = override.indexOf('=');
            String name = equals < 0 ? override.trim() : override.substring(0, equals).trim();
            if (equals < 0) {
                problems.add("--set " + override + ": expected key=value");
            } else if (ConfigKey.find(name).isEmpty()) {
                problems.add("--set " + override + ": " + ConfigKey.unknownKeyMessage(name));
            } else {
                settings.put(name, new Setting(override.substring(equals + 1).trim(), "--set " + override,
                        workingDirectory));
            }
        }
        outputOverride.ifPresent(output -> settings.put(ConfigKey.OUTPUT.key(),
                new Setting(output, "--output " + output, workingDirectory)));
        return settings;
    }

    private List<Map<String, Setting>> readTable(Map<String, Setting> job, Map<String, Setting> commandLine) {
        Setting table = commandLine.getOrDefault(ConfigKey.HYPERPARAMETERS.key(),
                job.get(ConfigKey.HYPERPARAMETERS.key()));
        if (table == null || table.value().isEmpty()) {
            return List.of(Map.of());
        }
        return HyperparameterTable.read(table.resolveLocation(), jobFolder, problems);
    }

    private Optional<RunSpec> resolve(Map<String, Setting> merged) {
        int before = problems.size();
        RunValues values = new RunValues(merged, problems);
        RunSpec spec = values.toRunSpec();
        return problems.size() == before ? Optional.of(spec) : Optional.empty();
    }

    private void checkRunIds(List<RunSpec> runs) {
        Set<String> seen = new HashSet<>();
        for (RunSpec run : runs) {
            if (!SAFE_RUN_ID.matcher(run.runId()).matches()) {
                problems.add("run id '" + run.runId() + "' is not a safe folder name: use letters, digits, '.', '_'"
                        + " and '-', starting with a letter or digit, at most 128 characters");
            } else if (!seen.add(run.runId())) {
                problems.add("run id '" + run.runId() + "' appears more than once; every run needs its own id");
            }
        }
    }

    private void throwIfProblems() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** Turns the merged texts of one run into typed values, collecting problems. */
    private static final class RunValues {
        private final Map<String, Setting> merged;
        private final List<String> problems;

        RunValues(Map<String, Setting> merged, List<String> problems) {
            this.merged = merged;
            this.problems = problems;
        }

        RunSpec toRunSpec() {
            Architecture architecture = architecture();
            TrainingSettings training = trainingSettings();
            String scale = oneOf(ConfigKey.SCALE, "none", "minmax", "zscore");
            double validationFraction = number(ConfigKey.VALIDATION_FRACTION, 0.0, 0.999999);
            String compression = oneOf(ConfigKey.COMPRESSION, "snappy", "zstd", "gzip", "uncompressed");
            String onNull = oneOf(ConfigKey.ON_NULL, "fail", "skip");
            String cache = oneOf(ConfigKey.CACHE, "memory", "stream", "auto");
            checkEngine(validationFraction);
            StorageLocation data = path(ConfigKey.DATA).orElse(null);
            StorageLocation output = path(ConfigKey.OUTPUT).orElse(null);
            CheckpointPolicy checkpoints = new CheckpointPolicy(
                    (int) Math.max(0, whole(ConfigKey.CHECKPOINT_EVERY, 0, Integer.MAX_VALUE)),
                    Math.max(0, whole(ConfigKey.CHECKPOINT_INTERVAL_SECONDS, 0, MAX_INTERVAL_SECONDS)));
            if (architecture == null || training == null) {
                return null;
            }
            if (training.patience() > 0 && !(validationFraction > 0.0)) {
                problems.add(where(ConfigKey.PATIENCE) + ": patience=" + training.patience()
                        + " watches the validation error, so it needs validation_fraction > 0");
            }
            return new RunSpec(text(ConfigKey.RUN), data, list(ConfigKey.FEATURES), list(ConfigKey.TARGETS),
                    architecture, training, path(ConfigKey.WEIGHTS), output, scale, validationFraction,
                    compression, texts(), onNull.equals("skip") ? NullPolicy.SKIP : NullPolicy.FAIL,
                    cache, checkpoints);
        }

        /**
         * Refuses, before any file is opened, what the MapReduce engine cannot do: Parquet input
         * (its mappers read text lines) and updates other than plain SGD at a constant rate.
         */
        private void checkMapReduceSupports() {
            String data = text(ConfigKey.DATA).replaceAll("/+$", "");
            if (data.endsWith(".parquet") || data.endsWith(".parq")) {
                problems.add(where(ConfigKey.DATA) + ": value \"" + data + "\" is Parquet, but engine=mapreduce"
                        + " reads CSV only; export it as CSV (DuckDB: COPY ... TO 'data.csv') or use engine=local");
            }
            if (!text(ConfigKey.OPTIMIZER).equals("sgd") || !text(ConfigKey.LR_SCHEDULE).equals("constant")) {
                problems.add(where(ConfigKey.OPTIMIZER) + ": engine=mapreduce applies plain gradient descent at a"
                        + " constant rate only; use optimizer=sgd and lr_schedule=constant, or engine=local");
            }
        }

        /** Checks the engine keys; their values are read from the run's settings. */
        private void checkEngine(double validationFraction) {
            String engine = oneOf(ConfigKey.ENGINE, "local", "mapreduce");
            oneOf(ConfigKey.MAPREDUCE_MODE, "sum", "average");
            // Known shortcoming: the local split draws rows by index from the seed, but mappers see
            // lines by byte offset, so a hold-out on the cluster needs a rule of its own (a hash of
            // each line, say). Until then validation is refused rather than silently skipped.
            if (engine.equals("mapreduce")) {
                checkMapReduceSupports();
            }
            if (engine.equals("mapreduce") && validationFraction > 0) {
                problems.add(where(ConfigKey.VALIDATION_FRACTION) + ": value \"" + text(ConfigKey.VALIDATION_FRACTION)
                        + "\" is not supported with engine=mapreduce, which trains on every row; use 0");
            }
        }

        private Architecture architecture() {
            String layersText = text(ConfigKey.LAYERS);
            try {
                Activation hidden = Activation.fromConfig(text(ConfigKey.ACTIVATION));
                String output = text(ConfigKey.OUTPUT_ACTIVATION);
                Activation outputActivation = output.isEmpty() ? hidden : Activation.fromConfig(output);
                return new Architecture(Architecture.parseLayerSizes(layersText), hidden, outputActivation);
            } catch (IllegalArgumentException e) {
                problems.add(where(ConfigKey.LAYERS) + ": " + e.getMessage());
                return null;
            }
        }

        private TrainingSettings trainingSettings() {
            int before = problems.size();
            int threads = (int) whole(ConfigKey.THREADS, 0, 4096);
            TrainingSettings.Builder builder = TrainingSettings.builder()
                    .learningRate(number(ConfigKey.LEARNING_RATE, Double.MIN_VALUE, Double.MAX_VALUE))
                    .epochs((int) whole(ConfigKey.EPOCHS, 1, Integer.MAX_VALUE))
                    .batchSize((int) whole(ConfigKey.BATCH_SIZE, 0, Integer.MAX_VALUE))
                    .threads(threads == 0 ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads))
                    .chunkSize((int) whole(ConfigKey.CHUNK_SIZE, 1, 1 << 20))
                    .logEvery(whole(ConfigKey.LOG_EVERY, 0, Long.MAX_VALUE))
                    .updateBiases(bool(ConfigKey.UPDATE_BIASES))
                    .shuffle(bool(ConfigKey.SHUFFLE))
                    .seed(whole(ConfigKey.SEED, Long.MIN_VALUE, Long.MAX_VALUE))
                    .weightDecay(number(ConfigKey.WEIGHT_DECAY, 0.0, Double.MAX_VALUE))
                    .decayBiases(bool(ConfigKey.DECAY_BIASES))
                    .clipNorm(number(ConfigKey.CLIP_NORM, 0.0, Double.MAX_VALUE))
                    .patience((int) whole(ConfigKey.PATIENCE, 0, Integer.MAX_VALUE))
                    .minDelta(number(ConfigKey.MIN_DELTA, 0.0, Double.MAX_VALUE))
                    .targetError(optionalNumber(ConfigKey.TARGET_ERROR, 0.0, Double.MAX_VALUE));
            Loss loss = loss();
            OptimizerSettings optimizer = optimizer();
            LearningRateSchedule schedule = schedule();
            if (loss == null || optimizer == null || schedule == null || problems.size() > before) {
                return null;
            }
            return build(builder.loss(loss).optimizer(optimizer).schedule(schedule), ConfigKey.LEARNING_RATE);
        }

        private OptimizerSettings optimizer() {
            try {
                OptimizerSettings.Kind kind = OptimizerSettings.Kind.fromConfig(text(ConfigKey.OPTIMIZER));
                return new OptimizerSettings(kind, number(ConfigKey.MOMENTUM, 0.0, 1.0),
                        number(ConfigKey.BETA1, 0.0, 1.0), number(ConfigKey.BETA2, 0.0, 1.0),
                        number(ConfigKey.EPSILON, Double.MIN_VALUE, Double.MAX_VALUE),
                        number(ConfigKey.RPROP_INCREASE, 1.0, Double.MAX_VALUE),
                        number(ConfigKey.RPROP_DECREASE, 0.0, 1.0),
                        number(ConfigKey.RPROP_DELTA_ZERO, Double.MIN_VALUE, Double.MAX_VALUE),
                        number(ConfigKey.RPROP_DELTA_MIN, 0.0, Double.MAX_VALUE),
                        number(ConfigKey.RPROP_DELTA_MAX, Double.MIN_VALUE, Double.MAX_VALUE));
            } catch (IllegalArgumentException e) {
                problems.add(where(ConfigKey.OPTIMIZER) + ": " + e.getMessage());
                return null;
            }
        }

        private LearningRateSchedule schedule() {
            try {
                return new LearningRateSchedule(LearningRateSchedule.Kind.fromConfig(text(ConfigKey.LR_SCHEDULE)),
                        (int) whole(ConfigKey.LR_STEP_EVERY, 1, Integer.MAX_VALUE),
                        number(ConfigKey.LR_GAMMA, Double.MIN_VALUE, Double.MAX_VALUE),
                        number(ConfigKey.LR_MIN, 0.0, Double.MAX_VALUE));
            } catch (IllegalArgumentException e) {
                problems.add(where(ConfigKey.LR_SCHEDULE) + ": " + e.getMessage());
                return null;
            }
        }

        private TrainingSettings build(TrainingSettings.Builder builder, ConfigKey near) {
            try {
                return builder.build();
            } catch (IllegalArgumentException e) {
                problems.add(where(near) + ": " + e.getMessage());
                return null;
            }
        }

        private double optionalNumber(ConfigKey key, double min, double max) {
            return text(key).isEmpty() ? Double.NaN : number(key, min, max);
        }

        private Loss loss() {
            try {
                return Loss.fromConfig(text(ConfigKey.LOSS));
            } catch (IllegalArgumentException e) {
                problems.add(where(ConfigKey.LOSS) + ": " + e.getMessage());
                return null;
            }
        }

        private String text(ConfigKey key) {
            Setting setting = merged.get(key.key());
            if (setting != null) {
                return setting.value();
            }
            return key.defaultValue().orElseGet(() -> {
                problems.add("missing required key '" + key.key() + "' (" + key.description() + ")");
                return "";
            });
        }

        private String where(ConfigKey key) {
            Setting setting = merged.get(key.key());
            return setting == null ? "default " + key.key() : setting.source() + ", " + key.key();
        }

        private double number(ConfigKey key, double min, double max) {
            String text = text(key);
            try {
                // The data's strict grammar, not Double.parseDouble: "NaN", "Infinity", "1e999",
                // "0x1p3" and "2d" are refused here too.
                double value = NumberGrammar.parse(text);
                if (!(value >= min && value <= max)) {
                    problems.add(where(key) + ": value \"" + text + "\" is out of range ("
                            + rangeText(key) + ")");
                    return Double.NaN;
                }
                return value;
            } catch (NumberFormatException e) {
                problems.add(where(key) + ": value \"" + text + "\" is not a number");
                return Double.NaN;
            }
        }

        long whole(ConfigKey key, long min, long max) {
            String text = text(key);
            try {
                long value = Long.parseLong(text);
                if (value < min || value > max) {
                    problems.add(where(key) + ": value \"" + text + "\" is out of range (" + rangeText(key) + ")");
                    return -1;
                }
                return value;
            } catch (NumberFormatException e) {
                problems.add(where(key) + ": value \"" + text + "\" is not a whole number");
                return -1;
            }
        }

        private static String rangeText(ConfigKey key) {
            return key.description();
        }

        private boolean bool(ConfigKey key) {
            String text = text(key);
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            problems.add(where(key) + ": value \"" + text + "\" is not true or false");
            return false;
        }

        private String oneOf(ConfigKey key, String... allowed) {
            String text = text(key);
            if (!Arrays.asList(allowed).contains(text)) {
                problems.add(where(key) + ": value \"" + text + "\" is not one of " + String.join(", ", allowed));
            }
            return text;
        }

        private List<String> list(ConfigKey key) {
            String text = text(key);
            List<String> names = new ArrayList<>();
            for (String name : text.split(",")) {
                if (!name.trim().isEmpty()) {
                    names.add(name.trim());
                }
            }
            return names;
        }

        private Optional<StorageLocation> path(ConfigKey key) {
            Setting setting = merged.get(key.key());
            if (setting == null || setting.value().isEmpty()) {
                text(key);
                return Optional.empty();
            }
            return Optional.of(setting.resolveLocation());
        }

        private Map<String, String> texts() {
            Map<String, String> texts = new LinkedHashMap<>();
            for (ConfigKey key : ConfigKey.values()) {
                Setting setting = merged.get(key.key());
                texts.put(key.key(), setting != null ? setting.value() : key.defaultValue().orElse(""));
            }
            // Record the activation actually used, not the empty "same as activation" default.
            if (texts.get(ConfigKey.OUTPUT_ACTIVATION.key()).isEmpty()) {
                texts.put(ConfigKey.OUTPUT_ACTIVATION.key(), texts.get(ConfigKey.ACTIVATION.key()));
            }
            return texts;
        }
    }
}
