package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CoreToCoreTest {

    @Test
    void measuresAPlausibleRoundTripAndEndsItsThread() throws InterruptedException {
        double nanos = CoreToCore.roundTripNanos(500);

        // a cache line needs at least a few nanoseconds to go and come back, and on any machine
        // that runs these tests far less than a millisecond, unless the two threads share one core
        assertTrue(nanos > 1.0 && nanos < 5_000_000.0, "round trip " + nanos + " ns");
        Thread.sleep(10);
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("core-to-core") && thread.isAlive()),
                "the partner thread has ended");
    }
}
