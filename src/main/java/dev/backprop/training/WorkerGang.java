package dev.backprop.training;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed set of threads that run one task together and wait for each other, reused for every
 * mini-batch so that no thread or task object is created in the training loop.
 *
 * <p>The caller's thread is worker 0; {@code workers - 1} daemon threads are the others. A task
 * receives its worker index and must only write to state that index owns. If any worker throws,
 * {@link #runAll} rethrows the first failure on the caller's thread after all workers finished.
 * Not thread-safe: one caller drives the gang. Close it in {@code finally}.
 *
 * <p>A mini-batch phase lasts from tens of microseconds to a few milliseconds, about what
 * parking and waking a thread costs on a loaded machine, so waiting threads first spin for up to
 * {@value #SPIN_NANOS} ns and only then park. The spin yields the CPU on each turn
 * ({@link Thread#yield}) rather than pausing ({@link Thread#onSpinWait}): on a machine with more
 * runnable threads than cores, the worker being waited for may be queued on the spinning
 * thread's own core, and a pausing spin would keep it from running (wide-2t at load 5 on 2 cores:
 * about 35 k samples/s pausing, 46 to 60 k yielding; about the same at load 2 to 3). Tasks are
 * published by a volatile generation counter and completion by an atomic count of running
 * workers; {@link LockSupport} permits make an unpark that comes before its park harmless.
 */
final class WorkerGang implements AutoCloseable {

    /** How long a waiting thread spins before it parks. */
    static final long SPIN_NANOS = 50_000;

    private final int workers;
    private final Thread[] threads;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile IntConsumer task;
    private volatile Thread driver;
    private volatile int generation;
    private volatile boolean closed;

    WorkerGang(int workers) {
        this.workers = workers;
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
        driver = Thread.currentThread();
        running.set(workers - 1);
        // the volatile write publishes task, driver and running to the workers
        generation = generation + 1;
        for (Thread thread : threads) {
            LockSupport.unpark(thread);
        }
        runGuarded(0);
        awaitWorkers();

        Throwable thrown = failure.getAndSet(null);
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
    }

    private void awaitWorkers() {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (running.get() != 0) {
            if (System.nanoTime() < spinUntil) {
                Thread.yield();
            } else {
                LockSupport.park(this);
            }
        }
    }

    private void workLoop(int index) {
        int seen = 0;
        while (true) {
            seen = awaitGeneration(seen);
            if (closed) {
                return;
            }
            runGuarded(index);
            if (running.decrementAndGet() == 0) {
                LockSupport.unpark(driver);
            }
        }
    }

    /** Waits until the generation differs from {@code seen} and returns the new one. */
    private int awaitGeneration(int seen) {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        int current;
        while ((current = generation) == seen) {
            if (System.nanoTime() < spinUntil) {
                Thread.yield();
            } else {
                LockSupport.park(this);
            }
        }
        return current;
    }

    private void runGuarded(int index) {
        try {
            task.accept(index);
        } catch (Throwable thrown) {
            failure.compareAndSet(null, thrown);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        // Waiting workers see the new generation with the flag set and end their loops.
        closed = true;
        generation = generation + 1;
        for (Thread thread : threads) {
            LockSupport.unpark(thread);
        }
    }
}
