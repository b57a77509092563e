package io.cacifo.doorio;

import com.openfaas.function.Handler;
import com.openfaas.model.Request;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** door-io through its Handler, with signed requests, against a {@link FakeLockBoard} (and once over HTTP). */
class DoorIoTest {
    /** The longest close wait door-io allows in these tests, short so a door left open costs little time. */
    private static final long CLOSE_TIMEOUT_MS = 500;
    private static TestLocker locker;
    private FakeLockBoard board;
    private Handler handler;

    @BeforeAll
    static void createLocker() {
        locker = TestLocker.create("door-io", Map.of("door_close_timeout_ms", Long.toString(CLOSE_TIMEOUT_MS)));
    }

    @AfterAll
    static void closeLocker() throws Exception {
        locker.close();
    }

    @BeforeEach
    void newBoard() {
        board = new FakeLockBoard(1, 2, 3, 4, 5);
        handler = new Handler(locker.services(), board);
    }

    private TestReply call(String action, Object body) {
        return TestLocker.send(handler, locker.signed(action, body));
    }

    @Test
    void open_releases_the_lock_and_says_so() {
        TestReply reply = call("open", Map.of("door_id", 4));

        assertEquals(200, reply.status(), reply.toString());
        assertEquals("{\"door_id\":4,\"open\":true}", reply.body());
        assertTrue(reply.contentType().startsWith("application/json"));
        assertTrue(board.status(4).open());
    }

    @Test
    void close_answers_closed_once_a_person_shuts_the_door() throws Exception {
        call("open", Map.of("door_id", 2));
        Thread person = new Thread(() -> {
            try {
                board.personClosesWhileWaitedOn(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        person.setDaemon(true);
        person.start();

        TestReply reply = call("close", Map.of("door_id", 2, "timeout_ms", 400));

        assertEquals(200, reply.status(), reply.toString());
        assertEquals("{\"door_id\":2,\"closed\":true}", reply.body());
        person.join();
    }

    @Test
    void close_answers_not_closed_when_the_door_stays_open_past_the_timeout() {
        call("open", Map.of("door_id", 3));

        TestReply reply = call("close", Map.of("door_id", 3, "timeout_ms", 50));

        assertEquals(200, reply.status(), reply.toString());
        assertFalse(reply.json().get("closed").getAsBoolean());
        assertEquals(List.of(Duration.ofMillis(50)), board.waits());
    }

    @Test
    void close_never_waits_longer_than_the_door_close_timeout_even_when_asked_to() {
        call("open", Map.of("door_id", 1));

        TestReply asked = call("close", Map.of("door_id", 1, "timeout_ms", 60_000));
        TestReply unasked = call("close", Map.of("door_id", 1));

        assertEquals(200, asked.status(), asked.toString());
        assertEquals(200, unasked.status(), unasked.toString());
        assertEquals(List.of(Duration.ofMillis(CLOSE_TIMEOUT_MS), Duration.ofMillis(CLOSE_TIMEOUT_MS)), board.waits());
    }

    @Test
    void status_reports_what_the_sensors_say() {
        board.putParcel(5);
        call("open", Map.of("door_id", 5));

        TestReply reply = call("status", Map.of("door_id", 5));

        assertEquals(200, reply.status(), reply.toString());
        assertEquals("{\"door_id\":5,\"open\":true,\"occupied\":true,\"fault\":null}", reply.body());
    }

    @Test
    void a_door_that_did_not_open_is_a_503_door_jammed_naming_the_door_and_the_fault() {
        board.jam(3);

        TestReply reply = call("open", Map.of("door_id", 3));
        TestReply status = call("status", Map.of("door_id", 3));

        assertEquals(503, reply.status(), reply.toString());
        assertEquals("door_jammed", reply.error());
        assertEquals(3, reply.number("door_id"));
        assertEquals("jammed", reply.text("fault"));
        assertFalse(reply.text("message").isBlank());
        assertFalse(board.status(3).open());
        assertEquals("jammed", status.text("fault"), status.toString());
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "open   | {\"door_id\": 99}                       | 404 | not_found",
            "close  | {\"door_id\": 99}                       | 404 | not_found",
            "status | {\"door_id\": 99}                       | 404 | not_found",
    })
    void a_door_the_board_does_not_have_is_not_found(String action, String body, int status, String error) {
        TestReply reply = call(action, body);

        assertEquals(status, reply.status(), reply.toString());
        assertEquals(error, reply.error());
    }

    @ParameterizedTest(name = "{0} {1} -> 400 {2}")
    @CsvSource(delimiter = '|', value = {
            "open   | {}                                      | missing_field",
            "open   | {\"door_id\": 0}                        | invalid_field",
            "open   | {\"door_id\": 10000}                    | invalid_field",
            "open   | {\"door_id\": \"4\"}                    | invalid_field",
            "open   | {\"door_id\": 4.5}                      | invalid_field",
            "open   | {\"door_id\": \"4/../../admin\"}        | invalid_field",
            "open   | [4]                                     | malformed_json",
            "close  | {\"door_id\": 4, \"timeout_ms\": -1}    | invalid_field",
            "close  | {\"door_id\": 4, \"timeout_ms\": \"5\"} | invalid_field",
            "status | {\"door\": 4}                           | missing_field",
            "smash  | {\"door_id\": 4}                        | unknown_action",
    })
    void bad_input_is_a_400_and_never_reaches_the_board(String action, String body, String error) {
        TestReply reply = call(action, body);

        assertEquals(400, reply.status(), reply.toString());
        assertEquals(error, reply.error(), reply.toString());
        assertFalse(reply.text("message").isBlank());
        assertEquals(List.of(), board.calls());
    }

    @Test
    void a_board_that_does_not_answer_is_a_503_board_unavailable() {
        board.goDown();

        for (String action : List.of("open", "close", "status")) {
            TestReply reply = call(action, Map.of("door_id", 1));

            assertEquals(503, reply.status(), action + ": " + reply);
            assertEquals("board_unavailable", reply.error());
        }
    }

    @Test
    void unsigned_forged_and_misaddressed_calls_are_refused_and_open_nothing() {
        // tampered: another body under a valid signature; redirected: another action under a valid signature.
        Request signed = locker.signed("open", Map.of("door_id", 1));
        Request tampered = new Request("{\"door_id\": 2}", signed.getHeaders(), signed.getQueryRaw(), signed.getPathRaw());
        Request status = locker.signed("status", Map.of("door_id", 1));
        Request redirected = new Request(status.getBody(), status.getHeaders(), "action=open", status.getPathRaw());

        List<Request> refused = List.of(
                locker.unsigned("open", Map.of("door_id", 1)),
                tampered,
                locker.signedFor("controller", "action=open", Map.of("door_id", 1)),
                redirected,
                // The back-end never drives doors (docs/api.md, who may call what), even with its genuine key.
                locker.backendSigned("open", Map.of("door_id", 1)));
        for (Request request : refused) {
            TestReply reply = TestLocker.send(handler, request);
            assertEquals(401, reply.status(), reply.toString());
            assertEquals("unauthorized", reply.error());
        }

        assertEquals(List.of(), board.calls());
    }

    @Test
    void with_lock_board_url_set_door_io_drives_the_board_over_http() throws Exception {
        try (FakeBoardServer server = FakeBoardServer.start(new FakeLockBoard(7));
             TestLocker viaHttp = TestLocker.create("door-io", Map.of("lock_board_url", server.url().toString(),
                     "door_close_timeout_ms", "200"))) {
            TestLocker.writeSecret(viaHttp.secretsDir(), "lock-board-key", FakeBoardServer.KEY);
            Handler http = new Handler(viaHttp.services());

            TestReply opened = TestLocker.send(http, viaHttp.signed("open", Map.of("door_id", 7)));
            TestReply waited = TestLocker.send(http, viaHttp.signed("close", Map.of("door_id", 7, "timeout_ms", 5000)));
            TestReply unknown = TestLocker.send(http, viaHttp.signed("open", Map.of("door_id", 8)));
            server.close();
            TestReply gone = TestLocker.send(http, viaHttp.signed("status", Map.of("door_id", 7)));

            assertEquals("{\"door_id\":7,\"open\":true}", opened.body(), opened.toString());
            assertEquals("{\"door_id\":7,\"closed\":false}", waited.body(), waited.toString());
            assertEquals(List.of("POST /board/doors/7/open", "POST /board/doors/7/wait-closed?timeout_ms=200",
                    "POST /board/doors/8/open"), server.requests());
            assertEquals(404, unknown.status(), unknown.toString());
            assertEquals("not_found", unknown.error());
            assertEquals(503, gone.status(), gone.toString());
            assertEquals("board_unavailable", gone.error());
        }
    }

    @Test
    void without_lock_board_key_door_io_refuses_to_start_and_names_the_secret() throws Exception {
        try (TestLocker noKey = TestLocker.create("door-io", Map.of("lock_board_url", "http://127.0.0.1:1"))) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new Handler(noKey.services()));

            assertTrue(refused.getMessage().contains("'lock-board-key'"), refused.getMessage());
        }
    }
}
