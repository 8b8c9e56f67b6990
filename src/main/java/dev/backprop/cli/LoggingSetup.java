package dev.backprop.cli;

import org.slf4j.LoggerFactory;

/**
 * Configures the SLF4J simple logger before the first logger is created: INFO by default, WARN
 * with {@code --quiet}, DEBUG with {@code --verbose}; timestamps on each line; everything on
 * stderr, so that stdout stays free for the usage text and tables.
 */
final class LoggingSetup {

    private LoggingSetup() {}

    /**
     * Sets the simple logger's system properties; a property given with {@code -D} is kept,
     * except the default level, which the flags own.
     *
     * @param verbose DEBUG for the job and INFO for libraries
     * @param quiet WARN and ERROR only
     */
    static void configure(boolean verbose, boolean quiet) {
        String level = verbose ? "debug" : quiet ? "warn" : "info";
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", level);
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        // Parquet and Hadoop log their internals at INFO; a person reading the job's log needs none of it.
        setDefault("org.slf4j.simpleLogger.log.org.apache", verbose ? "info" : "warn");
        // Hadoop warns "Unable to load native-hadoop library" on every start, which cron would mail
        // to the user each time; it only means the pure-Java codecs are used, which is intended.
        setDefault("org.slf4j.simpleLogger.log.org.apache.hadoop", verbose ? "info" : "error");

        // Initialise the back end here, on the calling thread, before any other thread logs: SLF4J
        // replays calls made on other threads during its initialisation with a warning on stderr.
        LoggerFactory.getILoggerFactory();
    }

    private static void setDefault(String property, String value) {
        if (System.getProperty(property) == null || property.endsWith("defaultLogLevel")) {
            System.setProperty(property, value);
        }
    }
}
