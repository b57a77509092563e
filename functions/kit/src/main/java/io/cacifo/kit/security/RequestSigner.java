package io.cacifo.kit.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signs outgoing calls with the locker's internal HMAC key; see {@link SignedHeaders} for what is covered. */
public final class RequestSigner {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final HmacKey key;
    private final Clock clock;

    public RequestSigner(HmacKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** The headers to add to a request; a fresh nonce each time, so a signed request can be sent once. */
    public Map<String, String> headers(String method, String path, String query, String body) {
        long timestamp = clock.instant().getEpochSecond();
        byte[] nonceBytes = new byte[16];
        RANDOM.nextBytes(nonceBytes);
        String nonce = Hex.of(nonceBytes);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SignedHeaders.KEY_ID, key.id());
        headers.put(SignedHeaders.TIMESTAMP, Long.toString(timestamp));
        headers.put(SignedHeaders.NONCE, nonce);
        headers.put(SignedHeaders.SIGNATURE, Hex.of(key.sign(
                SignedHeaders.canonical(method, path, query, timestamp, nonce, body))));
        return headers;
    }
}
