package dev.backprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class WorkSharesTest {

    @Test
    void workerTakesItsOwnShareFirstThenTheOthers() {
        WorkShares shares = new WorkShares(3);
        shares.reset(10);

        // worker 1 owns items 3, 4, 5; then worker 2's 6..9, then worker 0's 0..2
        List<Integer> taken = new ArrayList<>();
        for (int item = shares.take(1); item >= 0; item = shares.take(1)) {
            taken.add(item);
        }

        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 0, 1, 2), taken);
        assertEquals(-1, shares.take(0));
    }

    @Test
    void everyItemIsHandedOutOnceAcrossConcurrentWorkers() throws InterruptedException {
        int workers = 4;
        WorkShares shares = new WorkShares(workers);
        for (int count : new int[] {0, 1, 3, 17, 1000}) {
            shares.reset(count);
            ConcurrentLinkedQueue<Integer> taken = new ConcurrentLinkedQueue<>();
            Thread[] threads = new Thread[workers];
            for (int w = 0; w < workers; w++) {
                int worker = w;
                threads[w] = new Thread(() -> {
                    for (int item = shares.take(worker); item >= 0; item = shares.take(worker)) {
                        taken.add(item);
                    }
                });
                threads[w].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }

            List<Integer> sorted = new ArrayList<>(taken);
            Collections.sort(sorted);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                expected.add(i);
            }
            assertEquals(expected, sorted, "items of a phase of " + count);
        }
    }
}
