package dev.backprop.training;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * A fixed set of threads that run one task together and wait for each other, reused for every
 * mini-batch so that no thread or task object is created in the training loop.
 *
 * <p>The caller's thread is worker 0; {@code workers - 1} daemon threads are the others. A task
 * receives its worker index and must only write to state that index owns. If any worker throws,
 * {@link #runAll} rethrows the first failure on the caller's thread after all workers finished.
 * Not thread-safe: one caller drives the gang. Close it in {@code finally}.
 */
final class WorkerGang implements AutoCloseable {

    private final int workers;
    private final CyclicBarrier start;
    private final CyclicBarrier finish;
    private final Thread[] threads;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile IntConsumer task;
    private volatile boolean closed;

    WorkerGang(int workers) {
        this.workers = workers;
        this.start = new CyclicBarrier(workers);
        this.finish = new CyclicBarrier(workers);
        this.threads = new Thread[workers - 1];
        for (int w = 1; w < workers; w++) {
            int index = w;
            threads[w - 1] = new Thread(() -> workLoop(index), "backprop-worker-" + w);
            threads[w - 1].setDaemon(true);
            threads[w - 1].start();
        }
    }

    /** Number of workers, the caller's thread included. */
    int size() {
        return workers;
    }

    /** Runs {@code work} on every worker and returns when all have finished. */
    void runAll(IntConsumer work) {
        task = work;
        await(start);
        runGuarded(0);
        await(finish);

        Throwable thrown = failure.getAndSet(null);
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
    }

    private void workLoop(int index) {
        while (true) {
            await(start);
            if (closed) {
                return;
            }
            runGuarded(index);
            await(finish);
        }
    }

    private void runGuarded(int index) {
        try {
            task.accept(index);
        } catch (Throwable thrown) {
            failure.compareAndSet(null, thrown);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for training workers", e);
        } catch (BrokenBarrierException e) {
            throw new IllegalStateException("a training worker stopped unexpectedly", e);
        }
    }

    @Override
    public void close() {
        if (closed || workers == 1) {
            return;
        }
        // The workers wait at the start barrier; releasing them with the flag set ends their loops.
        closed = true;
        await(start);
    }
}
