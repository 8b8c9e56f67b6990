package dev.backprop.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerGangTest {

    @Test
    void everyWorkerRunsEveryTaskOnceWithItsOwnIndex() {
        int workers = 3;
        int rounds = 2000;
        AtomicIntegerArray runs = new AtomicIntegerArray(workers);
        try (WorkerGang gang = new WorkerGang(workers)) {
            for (int round = 0; round < rounds; round++) {
                gang.runAll(runs::incrementAndGet);
            }
        }

        int[] counts = new int[workers];
        for (int w = 0; w < workers; w++) {
            counts[w] = runs.get(w);
        }
        assertArrayEquals(new int[] {rounds, rounds, rounds}, counts);
    }

    @Test
    void runAllReturnsOnlyAfterEveryWorkerFinished() {
        int workers = 2;
        long[] done = new long[workers];
        try (WorkerGang gang = new WorkerGang(workers)) {
            for (int round = 1; round <= 500; round++) {
                int expected = round;
                // a worker that starts late (parked) must still be waited for
                gang.runAll(w -> done[w] = expected);
                assertEquals(round, done[0]);
                assertEquals(round, done[1]);
            }
        }
    }

    @Test
    void aWorkersFailureIsRethrownOnTheCallersThread() {
        IllegalStateException failure = new IllegalStateException("worker 1 failed");
        try (WorkerGang gang = new WorkerGang(2)) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> gang.runAll(w -> {
                if (w == 1) {
                    throw failure;
                }
            }));
            assertSame(failure, thrown);

            // the gang stays usable after a failed task
            AtomicIntegerArray runs = new AtomicIntegerArray(2);
            gang.runAll(runs::incrementAndGet);
            assertEquals(1, runs.get(0));
            assertEquals(1, runs.get(1));
        }
    }
}
