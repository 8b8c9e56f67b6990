package dev.backprop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.output.ErrorLogWriter;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the output writers' classes on a background thread while the job reads its inputs.
 *
 * <p>Parquet, its codecs and Hadoop's configuration classes take most of a small job's start-up
 * (about a second on a cold JVM). None of it depends on the job's data, so a daemon thread
 * initialises them on the second core while the main thread parses the configuration, reads
 * the CSV file and trains. A failure here is harmless: the real writer reports its own errors.
 */
final class StartupWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(StartupWarmUp.class);

    private StartupWarmUp() {}

    /** Starts the warm-up thread for the given Parquet compression codec and returns at once. */
    static void start(String compression) {
        Thread thread = new Thread(() -> warmUp(compression), "backprop-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void warmUp(String compression) {
        try {
            ErrorLogWriter.warmUp(compression);
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("warm", "up"));
        } catch (Exception | LinkageError e) {
            LOG.debug("start-up warm-up failed, harmlessly: {}", e.toString());
        }
    }
}
