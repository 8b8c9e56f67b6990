package dev.backprop.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how long a cache line takes to go from one core to another and back: two threads
 * bounce a counter, each waiting for the other's increment. On the project's 2-core virtual
 * machines the round trip is about 50 to 120 ns while the two vCPUs run on cores that share a
 * cache and about 400 ns while they do not, and it switches from one to the other within
 * seconds; 2-thread training is about 30 % slower in the second case. The benchmark reports it
 * next to its multi-threaded workloads so that such figures can be told apart.
 */
final class CoreToCore {

    private CoreToCore() {}

    /**
     * The median of three measurements of {@code roundTrips} round trips, in nanoseconds per round
     * trip. The first call in a JVM runs partly before the JIT has compiled the loops and reads
     * several times too high; discard it.
     */
    static double roundTripNanos(int roundTrips) {
        double[] nanos = new double[3];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = measure(roundTrips);
        }
        Arrays.sort(nanos);
        return nanos[1];
    }

    private static double measure(int roundTrips) {
        AtomicLong counter = new AtomicLong();
        Thread partner = new Thread(() -> answer(counter, roundTrips), "core-to-core");
        partner.setDaemon(true);
        partner.start();

        long start = System.nanoTime();
        for (long odd = 1; odd < 2L * roundTrips; odd += 2) {
            counter.set(odd);
            awaitValue(counter, odd + 1);
        }
        long elapsed = System.nanoTime() - start;

        joinQuietly(partner);
        return (double) elapsed / roundTrips;
    }

    /** The partner's side: each odd value is answered by the next even one. */
    private static void answer(AtomicLong counter, int roundTrips) {
        for (long even = 2; even <= 2L * roundTrips; even += 2) {
            awaitValue(counter, even - 1);
            counter.set(even);
        }
    }

    private static void awaitValue(AtomicLong counter, long value) {
        while (counter.get() != value) {
            Thread.onSpinWait();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
