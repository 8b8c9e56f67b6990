package dev.backprop.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Thrown when an input file cannot be used as it is: a cell that is not a number, a row with the
 * wrong number of fields, a missing or duplicated column, and so on.
 *
 * <p>Readers check a whole file before throwing, so one exception usually lists every problem in
 * it, first problem first. A reader lists at most {@value ProblemCollector#MAX_LISTED} problems
 * and counts the rest; {@link #problemCount()} gives the full count.
 */
public class InputDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The listed problems; records are immutable, so the list is safe to serialize. */
    private final List<InputProblem> problems;

    private final long problemCount;

    /**
     * Creates an exception listing all of the given problems.
     *
     * @param problems the problems, first one first; at least one
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public InputDataException(List<InputProblem> problems) {
        this(problems, problems.size(), null);
    }

    /**
     * Creates an exception listing some problems out of a larger count.
     *
     * @param problems the listed problems, first one first; at least one
     * @param problemCount how many problems were found in all, at least {@code problems.size()}
     * @param cause the exception that revealed the first problem, or {@code null}
     * @throws IllegalArgumentException if {@code problems} is empty or the count is too small
     */
    public InputDataException(List<InputProblem> problems, long problemCount, Throwable cause) {
        super(summarize(problems, problemCount), cause);
        this.problems = List.copyOf(problems);
        this.problemCount = problemCount;
    }

    /** Returns the listed problems, first one first; never empty. */
    public List<InputProblem> problems() {
        return problems;
    }

    /** Returns how many problems were found, including those not listed. */
    public long problemCount() {
        return problemCount;
    }

    /**
     * Returns one line per listed problem, followed by a line counting the unlisted ones if any.
     *
     * @return the lines, for printing to the user
     */
    public List<String> describeAll() {
        List<String> lines = new ArrayList<>();
        problems.forEach(problem -> lines.add(problem.describe()));
        if (problemCount > problems.size()) {
            lines.add("(and " + (problemCount - problems.size()) + " more problems not listed)");
        }
        return lines;
    }

    private static String summarize(List<InputProblem> problems, long problemCount) {
        if (problems.isEmpty() || problemCount < problems.size()) {
            throw new IllegalArgumentException(
                    "need at least one problem and a count of at least " + problems.size()
                            + ", got " + problemCount);
        }
        String first = problems.get(0).describe();
        long more = problemCount - 1;
        if (more == 0) {
            return first;
        }
        return first + " (and " + more + (more == 1 ? " more problem)" : " more problems)");
    }
}
