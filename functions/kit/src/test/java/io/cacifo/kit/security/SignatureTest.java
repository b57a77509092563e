package io.cacifo.kit.security;

import io.cacifo.kit.http.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SignatureTest {
    private static final String KEY = "k".repeat(40);
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final HmacKey key = new HmacKey(KEY);
    private final RequestSigner signer = new RequestSigner(key, clock);

    private HmacVerifier verifierFor(String function, HmacKey... keys) {
        return new HmacVerifier(SignedHeaders.functionPrefix(function), List.of(keys), clock, 30);
    }

    private static Map<String, String> caseInsensitive(Map<String, String> headers) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> out.put(name.toLowerCase(), value));
        return out;
    }

    @Test
    void a_request_signed_for_a_function_passes_there_once() {
        Map<String, String> headers = caseInsensitive(signer.headers("POST", "/function/door-io", "action=open", "{\"door_id\":4}"));
        HmacVerifier verifier = verifierFor("door-io", key);

        assertDoesNotThrow(() -> verifier.verify("POST", "/", "action=open", headers, "{\"door_id\":4}"));
        ApiException replay = assertThrows(ApiException.class,
                () -> verifier.verify("POST", "/", "action=open", headers, "{\"door_id\":4}"));
        assertEquals(401, replay.status());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "another body           | POST | /function/door-io | action=open  | {\"door_id\":5}",
            "another query          | POST | /function/door-io | action=close | {\"door_id\":4}",
            "another function       | POST | /function/user-manager | action=open | {\"door_id\":4}",
            "another method         | GET  | /function/door-io | action=open  | {\"door_id\":4}",
    })
    void a_signature_over_anything_else_is_refused(String what, String method, String path, String query, String body) {
        Map<String, String> headers = caseInsensitive(signer.headers(method, path, query, body));

        ApiException refused = assertThrows(ApiException.class,
                () -> verifierFor("door-io", key).verify("POST", "/", "action=open", headers, "{\"door_id\":4}"));

        assertEquals(401, refused.status(), what);
    }

    @ParameterizedTest(name = "signed {0} s from now")
    @CsvSource({"-31", "31", "-3600"})
    void a_signature_outside_the_clock_window_is_stale(long offsetSeconds) {
        RequestSigner skewed = new RequestSigner(key, Clock.fixed(NOW.plusSeconds(offsetSeconds), ZoneOffset.UTC));
        Map<String, String> headers = caseInsensitive(skewed.headers("POST", "/function/door-io", "", "{}"));

        ApiException refused = assertThrows(ApiException.class,
                () -> verifierFor("door-io", key).verify("POST", "/", "", headers, "{}"));

        assertEquals("the request's signature is stale", refused.getMessage());
    }

    @Test
    void a_key_the_locker_does_not_know_is_refused() {
        RequestSigner stranger = new RequestSigner(new HmacKey("s".repeat(40)), clock);
        Map<String, String> headers = caseInsensitive(stranger.headers("POST", "/function/door-io", "", "{}"));

        assertEquals(401, assertThrows(ApiException.class,
                () -> verifierFor("door-io", key).verify("POST", "/", "", headers, "{}")).status());
    }

    @Test
    void a_forged_signature_with_a_known_key_id_is_refused() {
        Map<String, String> headers = caseInsensitive(signer.headers("POST", "/function/door-io", "", "{}"));
        headers.put(SignedHeaders.SIGNATURE, "0".repeat(64));

        assertEquals("the request's signature does not match", assertThrows(ApiException.class,
                () -> verifierFor("door-io", key).verify("POST", "/", "", headers, "{}")).getMessage());
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource({
            "X-Cacifo-Timestamp, soon",
            "X-Cacifo-Nonce, not-hex!",
            "X-Cacifo-Signature, XYZ",
            "X-Cacifo-Key-Id, ''",
    })
    void malformed_signature_headers_are_refused(String header, String value) {
        Map<String, String> headers = caseInsensitive(signer.headers("POST", "/function/door-io", "", "{}"));
        headers.put(header, value);

        assertEquals(401, assertThrows(ApiException.class,
                () -> verifierFor("door-io", key).verify("POST", "/", "", headers, "{}")).status());
    }

    @Test
    void during_a_rotation_the_previous_key_still_verifies() {
        HmacKey next = new HmacKey("n".repeat(40));
        HmacVerifier verifier = verifierFor("door-io", next, key);

        assertDoesNotThrow(() -> verifier.verify("POST", "/", "", caseInsensitive(
                signer.headers("POST", "/function/door-io", "", "{}")), "{}"));
        assertDoesNotThrow(() -> verifier.verify("POST", "/", "", caseInsensitive(
                new RequestSigner(next, clock).headers("POST", "/function/door-io", "", "{}")), "{}"));
        assertNotEquals(key.id(), next.id());
    }

    @Test
    void a_server_addressed_directly_verifies_its_own_path() {
        HmacVerifier backend = new HmacVerifier("", List.of(key), clock, 30);
        Map<String, String> headers = caseInsensitive(signer.headers("POST", "/events", "", "{}"));

        assertDoesNotThrow(() -> backend.verify("POST", "/events", "", headers, "{}"));
    }

    @Test
    void a_key_shorter_than_32_bytes_is_refused_at_start() {
        assertThrows(IllegalStateException.class, () -> new HmacKey("short"));
    }

    @Test
    void headers_are_found_whatever_case_the_server_gave_them() {
        Map<String, String> lower = new HashMap<>();
        signer.headers("POST", "/function/door-io", "", "{}").forEach((n, v) -> lower.put(n.toLowerCase(), v));

        assertDoesNotThrow(() -> verifierFor("door-io", key).verify("POST", "/", "", caseInsensitive(lower), "{}"));
    }

    @Test
    void a_lock_board_call_signed_for_the_board_passes_there_once() {
        RequestSigner door = RequestSigner.forLockBoard(key, clock);
        HmacVerifier board = HmacVerifier.forLockBoard(List.of(key), clock, 30);
        Map<String, String> headers = caseInsensitive(door.headers("POST", "/board/doors/4/open", "", "{}"));

        assertDoesNotThrow(() -> board.verify("POST", "/board/doors/4/open", "", headers, "{}"));
        assertEquals("the request was already used", assertThrows(ApiException.class,
                () -> board.verify("POST", "/board/doors/4/open", "", headers, "{}")).getMessage());
    }

    @Test
    void a_function_call_signature_never_passes_as_a_board_call_nor_the_other_way_round() {
        HmacVerifier board = HmacVerifier.forLockBoard(List.of(key), clock, 30);
        HmacVerifier server = new HmacVerifier("", List.of(key), clock, 30);
        Map<String, String> asFunctionCall = caseInsensitive(signer.headers("POST", "/board/doors/4/open", "", "{}"));
        Map<String, String> asBoardCall = caseInsensitive(
                RequestSigner.forLockBoard(key, clock).headers("POST", "/board/doors/4/open", "", "{}"));

        assertEquals("the request's signature does not match", assertThrows(ApiException.class,
                () -> board.verify("POST", "/board/doors/4/open", "", asFunctionCall, "{}")).getMessage());
        assertEquals("the request's signature does not match", assertThrows(ApiException.class,
                () -> server.verify("POST", "/board/doors/4/open", "", asBoardCall, "{}")).getMessage());
    }
}
