package io.cacifo.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Benchmark mode: an opened door closes by itself, so JMeter runs need no person at the locker. */
class AutoCloseTest {
    @TempDir
    Path secrets;

    @Test
    void an_opened_door_closes_by_itself_after_the_delay_and_wakes_its_waiter() {
        try (RunningSimulator simulator = RunningSimulator.start(secrets, Map.of("SIM_AUTO_CLOSE_MS", "300"))) {
            long started = System.nanoTime();
            simulator.post("/board/doors/2/open");

            HttpReply wait = simulator.post("/board/doors/2/wait-closed?timeout_ms=10000");

            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals("{\"door\":2,\"closed\":true}", wait.body, wait.toString());
            assertTrue(took >= 280 && took < 8_000, "closed after " + took + " ms");
            assertFalse(simulator.get("/board/doors/2").flag("open"));
            assertEquals(300, simulator.get("/ui/state").json().get("auto_close_ms").getAsLong());
        }
    }

    @Test
    void the_timer_of_an_earlier_opening_does_not_close_a_later_one() throws Exception {
        try (RunningSimulator simulator = RunningSimulator.start(secrets, Map.of("SIM_AUTO_CLOSE_MS", "1500"))) {
            simulator.post("/board/doors/1/open");
            simulator.post("/ui/doors/1/close");
            Thread.sleep(900);
            long reopened = System.nanoTime();
            simulator.post("/board/doors/1/open");

            // The first opening's timer fires 1500 ms after it, about 600 ms from now; the second's at 1500.
            Thread.sleep(1000);

            long since = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - reopened);
            if (since < 1400) {
                assertTrue(simulator.get("/board/doors/1").flag("open"),
                        "the first opening's timer closed the second opening after " + since + " ms");
            }
            HttpReply wait = simulator.post("/board/doors/1/wait-closed?timeout_ms=10000");
            assertEquals("{\"door\":1,\"closed\":true}", wait.body, wait.toString());
        }
    }

    @Test
    void without_auto_close_an_opened_door_stays_open() throws Exception {
        try (RunningSimulator simulator = RunningSimulator.start(secrets, Map.of())) {
            simulator.post("/board/doors/2/open");
            Thread.sleep(500);

            HttpReply wait = simulator.post("/board/doors/2/wait-closed?timeout_ms=200");

            assertEquals("{\"door\":2,\"closed\":false}", wait.body, wait.toString());
        }
    }
}
