package io.cacifo.simulator;

import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.RequestSigner;
import io.cacifo.kit.security.SignedHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lock board obeys only door-io: every board call must carry a fresh signature under
 * {@code lock-board-key} over exactly what is sent. Anything else is a 401 and no door moves.
 */
class BoardSignatureTest {
    private static final String OPEN_4 = "/board/doors/4/open";

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

    private void assertRefused(HttpReply reply) {
        assertEquals(401, reply.status, reply.toString());
        assertTrue(reply.contentType.startsWith("application/json"), reply.toString());
        assertEquals("unauthorized", reply.text("error"), reply.toString());
        assertFalse(reply.text("message").isBlank(), reply.toString());
        assertFalse(reply.body.contains("Exception"), reply.toString());
    }

    private boolean open(int door) {
        return board.get("/board/doors/" + door).flag("open");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "POST | /board/doors/4/open                      | ''",
            "POST | /board/doors/4/wait-closed?timeout_ms=10 | ''",
            "GET  | /board/doors/4                           | ''",
            "GET  | /board/doors                             | ''",
            "POST | /api                                     | {\"mid\":201,\"data\":{\"door\":4}}",
            "POST | /board/doors/0/open                      | ''",
            "POST | /board/doors/99/open                     | ''"})
    void an_unsigned_board_call_is_refused_and_no_door_moves(String method, String path, String body) {
        String before = board.get("/board/doors").body;

        HttpReply reply = board.sendWith(method, path, Map.of("Content-Type", "application/json"), body);

        assertRefused(reply);
        assertEquals(before, board.get("/board/doors").body, "an unsigned call changed the board");
    }

    @Test
    void a_legacy_refusal_keeps_resp_1() {
        HttpReply reply = board.sendWith("POST", "/api", Map.of("Content-Type", "application/json"),
                "{\"mid\":201,\"data\":{\"door\":4}}");

        assertRefused(reply);
        assertEquals(1, reply.json().get("resp").getAsInt(), reply.toString());
        assertFalse(open(4));
    }

    private static Map<String, String> withHeader(Map<String, String> headers, String name, String value) {
        Map<String, String> changed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        changed.putAll(headers);
        changed.put(name, value);
        return changed;
    }

    @Test
    void a_forged_signature_is_refused() {
        Map<String, String> forged = withHeader(board.boardSignature("POST", OPEN_4, ""), SignedHeaders.SIGNATURE, "0".repeat(64));

        assertRefused(board.sendWith("POST", OPEN_4, forged, ""));
        assertFalse(open(4));
    }

    @ParameterizedTest(name = "signed by {0}")
    @CsvSource({"another key", "the internal key, as a function call"})
    void a_signature_under_any_other_key_or_for_a_function_call_is_refused(String signer) {
        HmacKey key = new HmacKey(signer.startsWith("another") ? "another-key-0123456789abcdef0123456789" : RunningSimulator.BOARD_KEY);
        RequestSigner other = signer.startsWith("another") ? RequestSigner.forLockBoard(key, Clock.systemUTC())
                : new RequestSigner(key, Clock.systemUTC());

        assertRefused(board.sendWith("POST", OPEN_4, other.headers("POST", OPEN_4, "", ""), ""));
        assertFalse(open(4));
    }

    @ParameterizedTest(name = "signed {0} s away")
    @CsvSource({"-31", "31", "-3600"})
    void a_stale_signature_is_refused(long offsetSeconds) {
        RequestSigner skewed = RequestSigner.forLockBoard(new HmacKey(RunningSimulator.BOARD_KEY),
                Clock.fixed(Instant.now().plusSeconds(offsetSeconds), ZoneOffset.UTC));

        HttpReply reply = board.sendWith("POST", OPEN_4, skewed.headers("POST", OPEN_4, "", ""), "");

        assertRefused(reply);
        assertEquals("the request's signature is stale", reply.text("message"));
        assertFalse(open(4));
    }

    @Test
    void a_replayed_open_is_refused_once_the_door_was_closed_again() {
        Map<String, String> captured = board.boardSignature("POST", OPEN_4, "");
        assertEquals(200, board.sendWith("POST", OPEN_4, captured, "").status);
        board.post("/ui/doors/4/close");

        HttpReply replay = board.sendWith("POST", OPEN_4, captured, "");

        assertRefused(replay);
        assertEquals("the request was already used", replay.text("message"));
        assertFalse(open(4), "the replay opened the door again");
    }

    @Test
    void a_signature_for_one_door_does_not_open_another() {
        Map<String, String> forDoor3 = board.boardSignature("POST", "/board/doors/3/open", "");

        assertRefused(board.sendWith("POST", OPEN_4, forDoor3, ""));
        assertFalse(open(4));
        assertFalse(open(3));
    }

    @Test
    void a_legacy_close_signature_does_not_carry_an_open_body() {
        board.post("/board/doors/5/open");
        board.post("/ui/doors/5/close");
        Map<String, String> forClose = board.boardSignature("POST", "/api", "{\"mid\":205,\"data\":{\"door\":5}}");

        assertRefused(board.sendWith("POST", "/api", forClose, "{\"mid\":201,\"data\":{\"door\":5}}"));
        assertFalse(open(5));
    }

    @Test
    void a_signed_call_is_obeyed() {
        HttpReply reply = board.sendWith("POST", OPEN_4, board.boardSignature("POST", OPEN_4, ""), "");

        assertEquals(200, reply.status, reply.toString());
        assertTrue(open(4));
    }
}
