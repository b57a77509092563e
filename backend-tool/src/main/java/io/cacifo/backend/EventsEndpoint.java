package io.cacifo.backend;

import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.Headers;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.HmacVerifier;
import io.cacifo.kit.security.ReplySigner;
import io.cacifo.kit.security.SignedHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The back-end's side of one locker's {@code POST <backend_url>/events} (docs/api.md "Back-end
 * events"): checks that a batch comes from that locker, and signs the answer for that one request,
 * as the locker requires before it marks anything delivered. Both use the {@code backend-hmac-key}
 * the back-end shares with that locker only, so the back-end keeps one instance per locker. The
 * formats are the kit's ({@link HmacVerifier}, {@link ReplySigner}), so both sides run the same code.
 *
 * <pre>
 * endpoint.verify(headers, body);                     // 401 ApiException: answer 401, store nothing
 * List&lt;String&gt; stored = store(batch);                // the ids now safely stored (repeats included)
 * EventsEndpoint.SignedAnswer answer = endpoint.answer(stored, headers, body);
 * // reply 200 with answer.headers() and exactly answer.body()
 * </pre>
 */
public final class EventsEndpoint {
    /** How far a batch's signature time may be from the back-end's clock, as the locker's functions allow. */
    public static final long MAX_SKEW_SECONDS = 30;
    /** What the locker signs, whatever path its {@code backend_url} has (docs/api.md "Back-end events"). */
    private static final String SIGNED_PATH = "/events";

    private final HmacVerifier verifier;
    private final ReplySigner signer;

    /** {@code backendHmacKey}: the text of the locker's {@code backend-hmac-key} file, surrounding whitespace removed. */
    public EventsEndpoint(String backendHmacKey, Clock clock) {
        HmacKey key = new HmacKey(backendHmacKey.strip());
        // Path prefix "": the locker signs the path /events itself, not the path the back-end sits behind.
        this.verifier = new HmacVerifier("", List.of(key), clock, MAX_SKEW_SECONDS);
        this.signer = new ReplySigner(key);
    }

    public EventsEndpoint(String backendHmacKey) {
        this(backendHmacKey, Clock.systemUTC());
    }

    /**
     * Throws {@link ApiException} 401 unless {@code body} was signed with this locker's key for
     * {@code POST /events}, within {@link #MAX_SKEW_SECONDS}, with a nonce not seen before by this
     * instance. {@code requestHeaders}: the request's headers, names in any case.
     */
    public void verify(Map<String, String> requestHeaders, byte[] body) {
        verifier.verify("POST", SIGNED_PATH, "", requestHeaders, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * The answer {@code {"accepted": [...]}} for {@code acceptedIds}, signed for the request that
     * carried {@code requestHeaders} and {@code requestBody}. List only ids of that batch: the locker
     * refuses an answer naming any other. Throws {@link IllegalArgumentException} when the request
     * carried no {@code X-Cacifo-Nonce} (a request {@link #verify} passed always does).
     */
    public SignedAnswer answer(List<String> acceptedIds, Map<String, String> requestHeaders, byte[] requestBody) {
        byte[] body = Json.write(Map.of("accepted", acceptedIds)).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.putAll(signer.headers(Headers.find(requestHeaders, SignedHeaders.NONCE).orElse(null), requestBody, body));
        return new SignedAnswer(body, headers);
    }

    /** An answer to send as it is: any change to {@link #body()} breaks its signature. */
    public static final class SignedAnswer {
        private final byte[] body;
        private final Map<String, String> headers;

        SignedAnswer(byte[] body, Map<String, String> headers) {
            this.body = body;
            this.headers = Map.copyOf(headers);
        }

        public byte[] body() {
            return body.clone();
        }

        /** Content-Type, {@code X-Cacifo-Key-Id} and {@code X-Cacifo-Signature}. */
        public Map<String, String> headers() {
            return headers;
        }
    }
}
