package io.cacifo.backend;

import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.ReplyVerifier;
import io.cacifo.kit.security.RequestSigner;
import io.cacifo.kit.security.SignedHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The back-end's side of POST /events, against the locker's own code: batches signed as the
 * controller signs them ({@link RequestSigner}), answers checked as the controller checks them
 * ({@link ReplyVerifier}).
 */
class EventsEndpointTest {
    private static final String KEY = "11112222333344445555666677778888aaaabbbbccccddddeeeeffff00001111";
    private static final byte[] BATCH = "{\"locker_id\":\"locker-001\",\"events\":[{\"event_id\":\"e1\"},{\"event_id\":\"e2\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    private final EventsEndpoint backend = new EventsEndpoint(KEY);

    /** The request headers as a server may hand them over: names in another case. */
    private static Map<String, String> signedByTheLocker(String key, Clock clock, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        new RequestSigner(new HmacKey(key), clock).headers("POST", "/events", "", new String(body, StandardCharsets.UTF_8))
                .forEach((name, value) -> headers.put(name.toLowerCase(), value));
        return headers;
    }

    @Test
    void a_batch_signed_by_the_locker_is_taken_and_the_answer_is_one_the_locker_trusts() {
        Map<String, String> request = signedByTheLocker(KEY, Clock.systemUTC(), BATCH);

        assertDoesNotThrow(() -> backend.verify(request, BATCH));
        EventsEndpoint.SignedAnswer answer = backend.answer(List.of("e1", "e2"), request, BATCH);

        assertEquals("{\"accepted\":[\"e1\",\"e2\"]}", new String(answer.body(), StandardCharsets.UTF_8));
        assertEquals("application/json; charset=utf-8", answer.headers().get("Content-Type"));
        Map<String, List<String>> received = new LinkedHashMap<>();
        answer.headers().forEach((name, value) -> received.put(name, List.of(value)));
        assertEquals(Optional.empty(), new ReplyVerifier(new HmacKey(KEY)).refusal(
                request.get(SignedHeaders.NONCE.toLowerCase()), BATCH, received, answer.body()));
    }

    @Test
    void a_batch_that_is_unsigned_stale_replayed_or_under_another_key_is_refused_with_401() {
        Map<String, String> fresh = signedByTheLocker(KEY, Clock.systemUTC(), BATCH);
        backend.verify(fresh, BATCH);

        List<Map<String, String>> refused = List.of(Map.of(), fresh,
                signedByTheLocker(KEY, Clock.fixed(Instant.now().minusSeconds(120), ZoneOffset.UTC), BATCH),
                signedByTheLocker("x".repeat(64), Clock.systemUTC(), BATCH));

        for (Map<String, String> headers : refused) {
            assertEquals(401, assertThrows(ApiException.class, () -> backend.verify(headers, BATCH)).status(),
                    headers.toString());
        }
    }

    @Test
    void an_answer_to_a_request_without_a_nonce_cannot_be_made() {
        assertThrows(IllegalArgumentException.class, () -> backend.answer(List.of("e1"), Map.of(), BATCH));
    }
}
