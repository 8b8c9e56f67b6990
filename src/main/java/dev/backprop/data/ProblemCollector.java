package dev.backprop.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the problems found while checking one input, so that the user sees all of them at
 * once. Mutable; belongs to one reader on one thread.
 */
final class ProblemCollector {

    /** Problems listed in one exception; a file that is wrong throughout would list millions. */
    static final int MAX_LISTED = 100;

    private final List<InputProblem> listed = new ArrayList<>();
    private long count;

    /** Records a problem; problems past {@link #MAX_LISTED} are counted but not kept. */
    void add(InputProblem problem) {
        if (listed.size() < MAX_LISTED) {
            listed.add(problem);
        }
        count++;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Throws an {@link InputDataException} listing the problems, if there are any. */
    void throwIfAny() {
        if (count > 0) {
            throw new InputDataException(listed, count, null);
        }
    }

    /** Records a problem and throws at once, for problems after which checking cannot go on. */
    void fail(InputProblem problem, Throwable cause) {
        add(problem);
        throw new InputDataException(listed, count, cause);
    }
}
