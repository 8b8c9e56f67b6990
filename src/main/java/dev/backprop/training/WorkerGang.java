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
 * <p>A mini-batch phase lasts from tens of microseconds to a few milliseconds, and waking a
 * parked thread takes 10 to 50 microseconds on a virtual machine, so a waiting thread first spins
 * for up to {@value #SPIN_NANOS} ns, pausing on each turn ({@link Thread#onSpinWait}), and only
 * then parks. Most phases start while the other workers still spin. Yielding instead of pausing
 * ({@link Thread#yield}) hands the core to any other runnable thread for a whole time slice:
 * measured on wide-2t (2 vCPUs, AMD EPYC), pausing 20 us gave 171 to 175 k samples/s on a quiet
 * machine and 41 k beside three busy processes; yielding for 50 us gave 118 to 170 k (one phase
 * start in thirty waited over 0.2 ms) and 18 k; parking at once 154 to 156 k and 48 k. Tasks are
 * published by a volatile generation counter and completion by an atomic count of running
 * workers; {@link LockSupport} permits make an unpark that comes before its park harmless.
 */
final class WorkerGang implements AutoCloseable {

    /** How long a waiting thread spins before it parks. */
    static final long SPIN_NANOS = 20_000;

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
                Thread.onSpinWait();
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
                Thread.onSpinWait();
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
