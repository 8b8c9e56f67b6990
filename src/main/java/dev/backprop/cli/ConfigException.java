package dev.backprop.cli;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * A job configuration that cannot run: unknown keys, values out of range, unsafe run ids. Carries
 * every problem found, each a line naming where it was written, the key and the value.
 */
final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    ConfigException(List<String> problems) {
        this(List.copyOf(new LinkedHashSet<>(problems)), true);
    }

    /** Runs that share a job-file value report the same problem once, not once per run. */
    private ConfigException(List<String> distinctProblems, boolean isDistinct) {
        super(distinctProblems.get(0)
                + (distinctProblems.size() > 1 ? " (and " + (distinctProblems.size() - 1) + " more problems)" : ""));
        this.problems = distinctProblems;
    }

    /** Every problem found, one line each. */
    List<String> problems() {
        return problems;
    }
}
