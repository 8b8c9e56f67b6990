package dev.backprop.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --quiet} and {@code --verbose} options every command takes. {@link Main} reads them
 * from the raw arguments before any logger exists (see {@link LoggingSetup}); declaring them here
 * lets picocli accept them and list them in each command's help.
 */
final class LoggingOptions {

    @Option(names = "--quiet", description = "log warnings and errors only")
    boolean quiet;

    @Option(names = "--verbose", description = "log details, and print stack traces of errors")
    boolean verbose;
}
