package io.cacifo.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lock-board API door-io drives, over real HTTP against a simulator on a free port. */
class BoardApiTest {
    @TempDir
    Path secrets;
    private RunningSimulator board;

    @BeforeEach
    void start() {
        board = RunningSimulator.start(secrets, Map.of());
    }

    @AfterEach
    void stop() {
        board.close();
    }

    @Test
    void an_opened_door_reports_open_until_a_person_closes_it() {
        HttpReply opened = board.post("/board/doors/4/open");
        assertEquals(200, opened.status, opened.toString());
        assertTrue(opened.contentType.startsWith("application/json"), opened.toString());
        assertEquals("{\"door\":4,\"open\":true}", opened.body);

        HttpReply status = board.get("/board/doors/4");
        assertEquals("{\"door\":4,\"open\":true,\"occupied\":false,\"fault\":null}", status.body, status.toString());

        HttpReply closed = board.post("/ui/doors/4/close");
        assertEquals(200, closed.status, closed.toString());
        assertEquals("{\"door\":4,\"open\":false}", closed.body);
        assertFalse(board.get("/board/doors/4").flag("open"));
    }

    @Test
    void opening_an_open_door_keeps_it_open() {
        board.post("/board/doors/2/open");

        HttpReply again = board.post("/board/doors/2/open");

        assertEquals(200, again.status, again.toString());
        assertTrue(board.get("/board/doors/2").flag("open"));
    }

    @Test
    void the_board_lists_every_door_with_its_size_in_layout_order() {
        board.post("/board/doors/5/open");

        HttpReply list = board.get("/board/doors");

        assertEquals(200, list.status, list.toString());
        List<String> got = new ArrayList<>();
        for (JsonElement element : list.json().getAsJsonArray("doors")) {
            JsonObject door = element.getAsJsonObject();
            got.add(door.get("door").getAsInt() + ":" + door.get("size").getAsString() + ":"
                    + door.get("open").getAsBoolean() + ":" + door.get("occupied").getAsBoolean());
        }
        assertEquals(List.of("1:SMALL:false:false", "2:SMALL:false:false", "3:MEDIUM:false:false",
                "4:MEDIUM:false:false", "5:LARGE:true:false", "6:EXTRA_LARGE:false:false"), got);
    }

    @Test
    void a_wait_on_a_closed_door_answers_closed_at_once() {
        // Nobody closes the door: a wait that waited for a closing would end in the client's 30 s
        // timeout or the 60 s closed:false, so closed:true can only be the answer given at once.
        HttpReply wait = board.post("/board/doors/3/wait-closed?timeout_ms=60000");

        assertEquals(200, wait.status, wait.toString());
        assertEquals("{\"door\":3,\"closed\":true}", wait.body);
    }

    @Test
    void a_wait_on_an_open_door_is_answered_when_someone_else_closes_it() throws Exception {
        board.post("/board/doors/3/open");
        CompletableFuture<HttpReply> wait = board.postLater("/board/doors/3/wait-closed?timeout_ms=60000");
        board.awaitWaiting(3, 1);
        assertFalse(wait.isDone(), "the wait answered before the door closed: " + (wait.isDone() ? wait.get() : ""));

        CompletableFuture.runAsync(() -> board.post("/ui/doors/3/close"));

        HttpReply answer = wait.get(10, TimeUnit.SECONDS);
        assertEquals(200, answer.status, answer.toString());
        assertEquals("{\"door\":3,\"closed\":true}", answer.body);
    }

    @Test
    void a_wait_nobody_answers_says_closed_false_after_its_timeout() {
        board.post("/board/doors/1/open");
        long started = System.nanoTime();

        HttpReply wait = board.post("/board/doors/1/wait-closed?timeout_ms=400");

        long took = elapsedMs(started);
        assertEquals(200, wait.status, wait.toString());
        assertEquals("{\"door\":1,\"closed\":false}", wait.body);
        // The JDK's timers never fire early, so this holds on any machine; a slow one only makes it later.
        assertTrue(took >= 400, "answered after " + took + " ms, before its 400 ms timeout");
        assertTrue(board.get("/board/doors/1").flag("open"), "a timed-out wait must not close the door");
    }

    @Test
    void a_wait_with_timeout_zero_on_an_open_door_answers_closed_false() {
        board.post("/board/doors/1/open");

        HttpReply wait = board.post("/board/doors/1/wait-closed?timeout_ms=0");

        assertEquals("{\"door\":1,\"closed\":false}", wait.body, wait.toString());
    }

    @Test
    void more_waiters_than_server_threads_do_not_block_the_board_and_one_close_wakes_them_all() throws Exception {
        board.post("/board/doors/6/open");
        int waiters = DoorSimulator.HTTP_THREADS * 3;
        List<CompletableFuture<HttpReply>> waits = new ArrayList<>();
        for (int i = 0; i < waiters; i++) {
            waits.add(board.postLater("/board/doors/6/wait-closed?timeout_ms=60000"));
        }
        // All of them parked at once: with a server thread held per wait, no more than HTTP_THREADS would get here.
        board.awaitWaiting(6, waiters);

        // And the board still answers (the client gives up after 30 s, long before a wait's 60 s).
        HttpReply status = board.get("/board/doors/6");
        assertEquals(200, status.status, status.toString());
        assertTrue(waits.stream().noneMatch(CompletableFuture::isDone), "a wait answered before the door closed");

        board.post("/ui/doors/6/close");

        for (CompletableFuture<HttpReply> wait : waits) {
            HttpReply answer = wait.get(20, TimeUnit.SECONDS);
            assertEquals("{\"door\":6,\"closed\":true}", answer.body, answer.toString());
        }
    }

    @Test
    void a_door_the_board_does_not_have_is_not_found() {
        for (HttpReply reply : List.of(board.post("/board/doors/99/open"), board.get("/board/doors/99"),
                board.post("/ui/doors/99/close"), board.post("/board/doors/99/wait-closed?timeout_ms=10"))) {
            assertEquals(404, reply.status, reply.toString());
            assertEquals("not_found", reply.text("error"));
            assertTrue(reply.json().has("message"), reply.toString());
        }
    }

    @Test
    void the_legacy_api_opens_with_mid_201_and_closes_with_mid_205() {
        HttpReply opened = board.post("/api", "{\"mid\":201,\"data\":{\"door\":5}}");
        assertEquals(200, opened.status, opened.toString());
        assertEquals("{\"resp\":0}", opened.body);
        assertTrue(board.get("/board/doors/5").flag("open"));

        HttpReply closed = board.post("/api", "{\"mid\":205,\"data\":{\"door\":5}}");
        assertEquals(200, closed.status, closed.toString());
        assertEquals("{\"resp\":0}", closed.body);
        assertFalse(board.get("/board/doors/5").flag("open"));
    }

    @Test
    void a_legacy_close_wakes_the_waiters_too() throws Exception {
        board.post("/api", "{\"mid\":201,\"data\":{\"door\":1}}");
        CompletableFuture<HttpReply> wait = board.postLater("/board/doors/1/wait-closed?timeout_ms=60000");

        board.post("/api", "{\"mid\":205,\"data\":{\"door\":1}}");

        assertEquals("{\"door\":1,\"closed\":true}", wait.get(10, TimeUnit.SECONDS).body);
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
