package dev.backprop.training;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Hands out the items {@code 0 .. count)} of one phase to a {@link WorkerGang}: each worker owns
 * a contiguous share, the same share in every phase with the same count, and takes its own items
 * first; a worker whose share is done takes what is left of the others', so a late or slow
 * worker does not hold the phase up.
 *
 * <p>Keeping a worker on the same items batch after batch keeps their data in that core's cache:
 * the weight rows a worker stepped are the ones it steps next time, and a chunk's activation
 * slots are written by the core that wrote them before. Handing items out from one shared counter
 * instead moved about half of them to the other core in every batch, which costs more than the
 * work when the cores share no cache. Which worker computes an item never changes its result.
 *
 * <p>{@link #reset} is called by the driving thread before the phase starts;
 * {@link #take} by the workers during it.
 */
final class WorkShares {

    /** Counters an {@code int} array apart by this many slots sit on different cache lines. */
    private static final int SPACING = 16;

    private final int workers;
    private final AtomicIntegerArray next;
    private final int[] ends;

    WorkShares(int workers) {
        this.workers = workers;
        this.next = new AtomicIntegerArray(workers * SPACING);
        this.ends = new int[workers];
    }

    /** Starts a phase of {@code count} items, worker {@code w} owning {@code [count*w/T, count*(w+1)/T)}. */
    void reset(int count) {
        for (int w = 0; w < workers; w++) {
            next.set(w * SPACING, (int) ((long) count * w / workers));
            ends[w] = (int) ((long) count * (w + 1) / workers);
        }
    }

    /** The next item for {@code worker}: from its own share, else from another's; -1 when none is left. */
    int take(int worker) {
        for (int i = 0; i < workers; i++) {
            int owner = (worker + i) % workers;
            int item = next.getAndIncrement(owner * SPACING);
            if (item < ends[owner]) {
                return item;
            }
        }
        return -1;
    }
}
