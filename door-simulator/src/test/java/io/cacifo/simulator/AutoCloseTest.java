package io.cacifo.simulator;

import io.cacifo.simulator.board.SettableTimer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Benchmark mode: an opened door closes by itself, so JMeter runs need no person at the locker. The
 * auto-close timer is moved by hand: when {@link SettableTimer#advance} returns, every timer due has run.
 */
class AutoCloseTest {
    @TempDir
    Path secrets;
    private final SettableTimer timer = new SettableTimer();

    @Test
    void an_opened_door_closes_by_itself_after_the_delay_and_wakes_its_waiter() throws Exception {
        try (RunningSimulator simulator = RunningSimulator.start(secrets, Map.of("SIM_AUTO_CLOSE_MS", "300"), timer)) {
            simulator.post("/board/doors/2/open");
            CompletableFuture<HttpReply> wait = simulator.postLater("/board/doors/2/wait-closed?timeout_ms=60000");
            simulator.awaitWaiting(2, 1);

            timer.advance(299);
            assertTrue(simulator.get("/board/doors/2").flag("open"), "closed before its delay");
            timer.advance(1);

            HttpReply answer = wait.get(30, TimeUnit.SECONDS);
            assertEquals("{\"door\":2,\"closed\":true}", answer.body, answer.toString());
            assertFalse(simulator.get("/board/doors/2").flag("open"));
            assertEquals(300, simulator.get("/ui/state").json().get("auto_close_ms").getAsLong());
        }
    }

    @Test
    void the_timer_of_an_earlier_opening_does_not_close_a_later_one() {
        try (RunningSimulator simulator = RunningSimulator.start(secrets, Map.of("SIM_AUTO_CLOSE_MS", "1500"), timer)) {
            simulator.post("/board/doors/1/open");
            simulator.post("/ui/doors/1/close");
            timer.advance(900);
            simulator.post("/board/doors/1/open");

            timer.advance(600);
            assertTrue(simulator.get("/board/doors/1").flag("open"), "the first opening's timer, due and run, closed the second opening");

            timer.advance(900);
            HttpReply wait = simulator.post("/board/doors/1/wait-closed?timeout_ms=0");
            assertEquals("{\"door\":1,\"closed\":true}", wait.body, "the second opening's own timer is due and has run: " + wait);
        }
    }

    @Test
    void without_auto_close_an_opened_door_stays_open() {
        try (RunningSimulator simulator = RunningSimulator.start(secrets, Map.of(), timer)) {
            simulator.post("/board/doors/2/open");

            timer.advance(SimulatorSettings.MAX_AUTO_CLOSE_MS);

            HttpReply wait = simulator.post("/board/doors/2/wait-closed?timeout_ms=0");
            assertEquals("{\"door\":2,\"closed\":false}", wait.body, "open after the longest auto-close delay: " + wait);
        }
    }
}
