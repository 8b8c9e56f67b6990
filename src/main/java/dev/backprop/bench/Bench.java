package dev.backprop.bench;

import dev.backprop.network.Architecture;
import dev.backprop.network.Initializer;
import dev.backprop.network.Loss;
import dev.backprop.training.Evaluation;
import dev.backprop.training.Examples;
import dev.backprop.training.LogEntry;
import dev.backprop.training.EpochSummary;
import dev.backprop.training.Trainer;
import dev.backprop.training.TrainingListener;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times whole training runs of the benchmark workloads and prints them as a table: samples per
 * second (median of the repeats; the training loop only, start-up and data loading excluded),
 * GFLOP/s by the convention of 6 x weights FLOPs per sample, peak heap, dataset bytes
 * per row and the final mean error over the training rows ({@code E = sum 1/2 (t - o)^2}, as the
 * reference trainers report it). After the table, for each multi-threaded workload, the
 * {@linkplain CoreToCore core-to-core round trip} measured just before and after its timed runs;
 * a last line checks that per-sample training allocates nothing.
 *
 * <pre>
 * Bench [--workloads digits,xor,wide-2t,wide-1t] [--repeats 5] [--warmup-ms 1000] [--data DIR]
 *       [--wide-rows 60000]
 * </pre>
 *
 * Each workload first trains untimed for {@code --warmup-ms} (at least one run), so the figures
 * are those of compiled code; the JIT's warm-up counts as start-up. {@code --data} is the folder
 * of {@code digits.csv}, by default {@code $NN_DATA} or the project's {@code data}. This is a developer tool: it prints to standard output.
 */
public final class Bench {

    private static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    /** Looked up once, so that reading them during training allocates nothing. */
    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final Map<String, Workload> WORKLOADS = new LinkedHashMap<>();

    /** About 5 to 20 ms per measurement of the core-to-core round trip. */
    private static final int ROUND_TRIPS = 50_000;

    static {
        add(new Workload("digits", "digits", new int[] {64, 32, 10}, 0.1, 200, 1, 1));
        add(new Workload("xor", "xor", new int[] {2, 4, 1}, 0.5, 10_000, 1, 1));
        add(new Workload("wide-2t", "wide", new int[] {784, 256, 10}, 0.5, 2, 128, 2));
        add(new Workload("wide-1t", "wide", new int[] {784, 256, 10}, 0.5, 2, 128, 1));
    }

    private Bench() {}

    private static void add(Workload workload) {
        WORKLOADS.put(workload.name(), workload);
    }

    /** Runs the benchmark; see the class comment for the options. */
    public static void main(String[] args) {
        // The table is the output: the data reader's INFO line would land in its middle.
        if (System.getProperty(SIMPLE_LOGGER_LEVEL) == null) {
            System.setProperty(SIMPLE_LOGGER_LEVEL, "warn");
        }
        Map<String, String> options = parseOptions(args);
        int repeats = Integer.parseInt(options.getOrDefault("repeats", "5"));
        long warmUpMillis = Long.parseLong(options.getOrDefault("warmup-ms", "1000"));
        Path dataDir = Path.of(options.getOrDefault("data",
                System.getenv().getOrDefault("NN_DATA", "data")));
        int wideRows = Integer.parseInt(options.getOrDefault("wide-rows", "60000"));
        List<String> names = Arrays.asList(options.getOrDefault("workloads", String.join(",", WORKLOADS.keySet()))
                .split(","));

        System.out.printf(Locale.ROOT, "%-8s %8s %7s %13s %9s %9s %10s %9s %14s%n", "workload", "samples",
                "threads", "samples/s", "GFLOP/s", "peak_MB", "data_MB", "B/row", "E_mean");
        Map<String, Examples> datasets = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        CoreToCore.roundTripNanos(ROUND_TRIPS); // compiles its loops, which the first call runs slowly
        for (String name : names) {
            Workload workload = WORKLOADS.get(name.trim());
            if (workload == null) {
                throw new IllegalArgumentException("--workloads: unknown '" + name + "'; allowed: "
                        + WORKLOADS.keySet());
            }
            Examples examples = datasets.computeIfAbsent(workload.dataset(), d -> load(d, dataDir, wideRows));
            runWorkload(workload, examples, repeats, warmUpMillis, notes);
        }
        notes.forEach(System.out::println);
        if (names.contains("digits")) {
            checkAllocation(datasets.get("digits"));
        }
    }

    private static Examples load(String dataset, Path dataDir, int wideRows) {
        return switch (dataset) {
            case "digits" -> BenchData.labelled(dataDir.resolve("digits.csv"), 10, 1.0 / 16);
            case "xor" -> BenchData.xor();
            case "wide" -> TeacherData.generate(wideRows, 784, 10, 42, TeacherData.DEFAULT_HIDDEN);
            default -> throw new IllegalStateException(dataset);
        };
    }

    /**
     * Trains untimed until {@code millis} have passed, at least once, so that the timed repeats
     * see compiled code: XOR's whole run lasts a few milliseconds, less than the JIT takes.
     */
    private static void warmUp(Workload workload, Examples examples, long millis) {
        Examples none = new Examples(0, examples.featureCount(), examples.targetCount(), new double[0], new double[0]);
        long end = System.nanoTime() + millis * 1_000_000;
        do {
            double[] parameters = Initializer.referenceOrder(workload.architecture(), 1);
            new Trainer(workload.architecture(), workload.settings(), TrainingListener.NONE)
                    .train(parameters, examples, none);
        } while (System.nanoTime() < end);
    }

    private static void runWorkload(
            Workload workload, Examples examples, int repeats, long warmUpMillis, List<String> notes) {
        Architecture architecture = workload.architecture();
        Examples none = new Examples(0, examples.featureCount(), examples.targetCount(), new double[0], new double[0]);
        long samples = (long) workload.epochs() * examples.rows();
        double[] rates = new double[repeats];
        double[] parameters = null;
        warmUp(workload, examples, warmUpMillis);
        System.gc();
        resetPeakHeap();
        double roundTripBefore = workload.threads() > 1 ? CoreToCore.roundTripNanos(ROUND_TRIPS) : 0;
        for (int r = 0; r < repeats; r++) {
            parameters = Initializer.referenceOrder(architecture, 1);
            Trainer trainer = new Trainer(architecture, workload.settings(), TrainingListener.NONE);
            long start = System.nanoTime();
            trainer.train(parameters, examples, none);
            rates[r] = samples * 1e9 / (System.nanoTime() - start);
        }
        long peakHeapBytes = peakHeap();
        if (workload.threads() > 1) {
            notes.add(String.format(Locale.ROOT, "core-to-core round trip (two threads bouncing one cache line): "
                    + "%.0f ns before %s, %.0f ns after", roundTripBefore, workload.name(),
                    CoreToCore.roundTripNanos(ROUND_TRIPS)));
        }

        Arrays.sort(rates);
        double median = rates[repeats / 2];
        double error = Evaluation.of(architecture, parameters, examples, Loss.SQUARED_ERROR).meanError();
        System.out.printf(Locale.ROOT, "%-8s %8d %7d %13.0f %9.2f %9.1f %10.1f %9d %14.9g%n", workload.name(),
                samples, workload.threads(), median, median * 6 * workload.weightCount() / 1e9,
                peakHeapBytes / 1e6, examples.sizeBytes() / 1e6, examples.sizeBytes() / examples.rows(), error);
    }

    /**
     * Trains digits for 20 epochs and reports the collections and the bytes the training thread
     * allocated from the end of epoch 1 to the end of epoch 20, the steady state; the run's
     * one-time set-up (buffers, the cache-aligned weight copy) is reported apart.
     */
    private static void checkAllocation(Examples digits) {
        Workload workload = new Workload("digits-20", "digits", new int[] {64, 32, 10}, 0.1, 20, 1, 1);
        Examples none = new Examples(0, 64, 10, new double[0], new double[0]);
        long[] atEpochEnd = new long[2 * 21];
        TrainingListener meter = new TrainingListener() {
            @Override
            public void onLogEntry(LogEntry entry) {}

            @Override
            public void onEpochEnd(EpochSummary summary) {
                atEpochEnd[2 * summary.epoch()] = threadAllocatedBytes();
                atEpochEnd[2 * summary.epoch() + 1] = collectionCount();
            }
        };
        Trainer warmUp = new Trainer(workload.architecture(), workload.settings(), TrainingListener.NONE);
        warmUp.train(Initializer.referenceOrder(workload.architecture(), 1), digits, none);

        long before = threadAllocatedBytes();
        new Trainer(workload.architecture(), workload.settings(), meter)
                .train(Initializer.referenceOrder(workload.architecture(), 1), digits, none);
        long setUpBytes = atEpochEnd[2] - before;
        long allocatedBytes = atEpochEnd[40] - atEpochEnd[2];
        long gcCount = atEpochEnd[41] - atEpochEnd[3];
        long samples = 19L * digits.rows();
        System.out.printf(Locale.ROOT,
                "allocation check, digits epochs 2-20 (%d samples): %d GCs, %d bytes allocated by the training "
                        + "thread (%.4f bytes/sample); set-up and epoch 1: %d bytes%n",
                samples, gcCount, allocatedBytes, (double) allocatedBytes / samples, setUpBytes);
    }

    private static long collectionCount() {
        long count = 0;
        for (GarbageCollectorMXBean collector : COLLECTORS) {
            count += Math.max(0, collector.getCollectionCount());
        }
        return count;
    }

    private static long threadAllocatedBytes() {
        return THREADS instanceof com.sun.management.ThreadMXBean threads
                ? threads.getCurrentThreadAllocatedBytes()
                : -1;
    }

    private static void resetPeakHeap() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the last reset: an upper bound of the heap's peak. */
    private static long peakHeap() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes;
    }

    private static Map<String, String> parseOptions(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
