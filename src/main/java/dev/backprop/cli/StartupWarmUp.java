package dev.backprop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.output.ErrorLogWriter;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Initialises, on a background thread, what every {@code train} job needs and nothing in it
 * depends on: the Parquet writer with its codec, and Jackson. (Not the logging back end: SLF4J
 * initialised on one thread while another logs replays those calls with a warning on stderr,
 * so {@link LoggingSetup#configure} initialises it on the main thread.)
 *
 * <p>On a cold JVM these take about a tenth of a second of CPU, a quarter of a small job's.
 * {@link Main} starts the thread before picocli builds its model of the command line, so that the
 * second core does this work while the first parses the command line, reads the job file and the
 * data, and trains. A failure here is harmless: the real writer reports its own errors.
 */
final class StartupWarmUp {

    /** The codec warmed up before the job file is read: the {@code compression} default. */
    static final String DEFAULT_COMPRESSION = ConfigKey.COMPRESSION.defaultValue().orElseThrow();

    private StartupWarmUp() {}

    /**
     * Starts a daemon thread that initialises Parquet with the default codec, and Jackson, and
     * returns at once. Call it after {@link LoggingSetup#configure}.
     */
    static void start() {
        startThread(DEFAULT_COMPRESSION, true);
    }

    /**
     * Starts a daemon thread that loads {@code compression}'s codec, unless it is the default,
     * which {@link #start()} has warmed up already, and returns at once.
     */
    static void startForCodec(String compression) {
        if (!DEFAULT_COMPRESSION.equals(compression)) {
            startThread(compression, false);
        }
    }

    private static void startThread(String compression, boolean isWholeJob) {
        Thread thread = new Thread(() -> warmUp(compression, isWholeJob), "backprop-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void warmUp(String compression, boolean isWholeJob) {
        try {
            ErrorLogWriter.warmUp(compression);
            if (isWholeJob) {
                new ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(Map.of("warm", "up"));
            }
        } catch (Exception | LinkageError e) {
            // Looked up here, not held in a static field, so that loading this class on the main
            // thread does not initialise the logging back end there.
            LoggerFactory.getLogger(StartupWarmUp.class)
                    .debug("start-up warm-up failed, harmlessly: {}", e.toString());
        }
    }
}
