package dev.backprop.cli;

import java.util.List;

/**
 * A job configuration that cannot run: unknown keys, values out of range, unsafe run ids. Carries
 * every problem found, each a line naming where it was written, the key and the value.
 */
final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    ConfigException(List<String> problems) {
        super(problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : ""));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one line each. */
    List<String> problems() {
        return problems;
    }
}
