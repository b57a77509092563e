package io.cacifo.doorio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.RequestSigner;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link HttpLockBoard} against the board API served over real HTTP by {@link FakeBoardServer}. */
class HttpLockBoardTest {
    /** Long enough that a board answering in time is never given up on, however slow the machine. */
    private static final Duration WAIT_MARGIN = Duration.ofSeconds(2);
    /** A board that answers this late has been given up on long before, on any machine. */
    private static final Duration TOO_LATE = Duration.ofSeconds(20);
    private FakeBoardServer server;
    private HttpLockBoard board;

    @BeforeEach
    void start() throws Exception {
        server = FakeBoardServer.start(new FakeLockBoard(1, 2, 3, 4));
        board = boardFor(server, FakeBoardServer.KEY);
    }

    private static HttpLockBoard boardFor(FakeBoardServer server, String key) {
        return new HttpLockBoard(server.url(), RequestSigner.forLockBoard(new HmacKey(key), Clock.systemUTC()),
                Duration.ofMillis(500), WAIT_MARGIN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void open_posts_to_the_doors_open_path_and_the_door_opens() {
        board.open(4);

        assertEquals(List.of("POST /board/doors/4/open"), server.requests());
        assertTrue(server.board.status(4).open());
    }

    @Test
    void wait_closed_sends_its_timeout_and_returns_true_once_a_person_shuts_the_door() throws Exception {
        board.open(3);
        Thread person = new Thread(() -> {
            try {
                server.board.personClosesWhileWaitedOn(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        person.setDaemon(true);
        person.start();

        boolean closed = board.waitClosed(3, Duration.ofSeconds(2));

        assertTrue(closed);
        person.join();
        assertEquals("POST /board/doors/3/wait-closed?timeout_ms=2000", server.requests().get(1));
    }

    @Test
    void wait_closed_returns_false_when_the_door_is_still_open_at_the_deadline() {
        board.open(2);

        assertFalse(board.waitClosed(2, Duration.ofMillis(150)));
    }

    @Test
    void status_reads_open_and_occupied_from_the_board() {
        server.board.putParcel(1);

        DoorStatus status = board.status(1);

        assertEquals(1, status.doorId());
        assertFalse(status.open());
        assertTrue(status.occupied());
        assertEquals(List.of("GET /board/doors/1"), server.requests());
    }

    @Test
    void a_board_holding_another_lock_board_key_refuses_door_io_and_the_door_stays_shut() throws Exception {
        try (FakeBoardServer other = FakeBoardServer.start(new FakeLockBoard(4), "o".repeat(64))) {
            HttpLockBoard mismatched = boardFor(other, FakeBoardServer.KEY);

            BoardUnavailableException refused = assertThrows(BoardUnavailableException.class, () -> mismatched.open(4));

            assertTrue(refused.getMessage().contains("refused door-io's signature"), refused.getMessage());
            assertFalse(other.board.status(4).open(), "a refused call opened the door");
        }
    }

    @Test
    void a_door_the_board_does_not_have_is_an_unknown_door() {
        UnknownDoorException e = assertThrows(UnknownDoorException.class, () -> board.open(77));

        assertEquals(77, e.door());
    }

    @ParameterizedTest(name = "HTTP {0} {1} -> board unavailable")
    @CsvSource(delimiter = '|', value = {
            "500 | {\"error\":\"internal\"}",
            "503 | ",
            "400 | {\"error\":\"invalid_field\"}",
            "200 | not json",
            "200 | [true]",
            "200 | {\"door\":4}",
            "200 | {\"door\":4,\"open\":\"yes\"}",
            "200 | {\"door\":4,\"open\":false,\"fault\":7}",
            "200 | {\"door\":4,\"open\":false,\"fault\":\"<b>Jammed</b>\"}",
    })
    void a_broken_answer_is_board_unavailable(int status, String body) {
        server.script(status, body == null ? "" : body, Duration.ZERO);

        assertThrows(BoardUnavailableException.class, () -> board.open(4));
    }

    @Test
    void open_asks_the_board_to_signal_the_door() {
        board.open(2);

        assertEquals(List.of("{\"signal\":true}"), server.openBodies());
    }

    @Test
    void a_jammed_door_the_board_reports_is_a_jammed_door_not_an_unavailable_board() {
        server.board.jam(4);

        DoorJammedException jammed = assertThrows(DoorJammedException.class, () -> board.open(4));

        assertEquals(4, jammed.door());
        assertEquals("jammed", jammed.fault());
        assertEquals("jammed", board.status(4).fault());
        assertNull(board.status(3).fault());
    }

    @Test
    void a_board_that_says_only_that_the_door_stayed_closed_is_a_jammed_door_too() {
        server.script(200, "{\"door\":4,\"open\":false}", Duration.ZERO);

        DoorJammedException jammed = assertThrows(DoorJammedException.class, () -> board.open(4));

        assertEquals(DoorJammedException.NOT_OPENED, jammed.fault());
    }

    @Test
    void a_fault_the_board_names_beside_open_true_is_still_a_jammed_door() {
        server.script(200, "{\"door\":4,\"open\":true,\"fault\":\"jammed\"}", Duration.ZERO);

        assertEquals("jammed", assertThrows(DoorJammedException.class, () -> board.open(4)).fault());
    }

    @Test
    void a_board_that_answers_too_late_is_unavailable_after_the_call_timeout() {
        server.script(200, "{\"door\":4,\"open\":true}", TOO_LATE);

        // Waiting for the answer would have given an open door: the call was given up before it.
        assertThrows(BoardUnavailableException.class, () -> board.open(4));
    }

    @Test
    void a_wait_is_given_up_only_after_its_own_timeout_plus_the_margin() {
        server.script(200, "{\"door\":4,\"closed\":true}", TOO_LATE);
        long start = System.nanoTime();

        assertThrows(BoardUnavailableException.class, () -> board.waitClosed(4, Duration.ofMillis(400)));

        // Not at the 500 ms call timeout: a slow machine only makes this later (50 ms for the timer's grain).
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        long givesUpMs = 400 + WAIT_MARGIN.toMillis();
        assertTrue(tookMs >= givesUpMs - 50, "gave up after " + tookMs + " ms, expected " + givesUpMs);
    }

    @Test
    void an_unreachable_board_is_unavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpLockBoard nowhere = new HttpLockBoard(URI.create("http://127.0.0.1:" + closedPort + "/"),
                RequestSigner.forLockBoard(new HmacKey(FakeBoardServer.KEY), Clock.systemUTC()),
                Duration.ofMillis(500), Duration.ofMillis(300));

        assertThrows(BoardUnavailableException.class, () -> nowhere.status(1));
    }

    @Test
    void a_door_number_outside_the_board_range_never_becomes_a_request() {
        assertThrows(IllegalArgumentException.class, () -> board.open(0));
        assertThrows(IllegalArgumentException.class, () -> board.status(10_000));

        assertEquals(List.of(), server.requests());
    }
}
