package io.cacifo.kit.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Signs outgoing calls with an HMAC key: function calls with the locker's internal key, board calls
 * ({@link #forLockBoard}) with {@code lock-board-key}; see {@link SignedHeaders} for what is covered.
 */
public final class RequestSigner {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The key to sign with now: fixed, or {@link RotatingKeys#signing} while it may change. */
    private final Supplier<HmacKey> key;
    private final Clock clock;
    private final SignedHeaders.Purpose purpose;

    /** Signs calls to the locker's functions (or a server that verifies them the same way). */
    public RequestSigner(HmacKey key, Clock clock) {
        this(() -> key, clock, SignedHeaders.Purpose.FUNCTION_CALL);
    }

    /** Signs calls to the locker's functions with the internal key in use now, which rotates. */
    public RequestSigner(RotatingKeys<HmacKey> keys, Clock clock) {
        this(keys::signing, clock, SignedHeaders.Purpose.FUNCTION_CALL);
    }

    private RequestSigner(Supplier<HmacKey> key, Clock clock, SignedHeaders.Purpose purpose) {
        this.key = key;
        this.clock = clock;
        this.purpose = purpose;
    }

    /** Signs door-io's calls to the lock board; {@link HmacVerifier#forLockBoard} is the board's side. */
    public static RequestSigner forLockBoard(HmacKey key, Clock clock) {
        return new RequestSigner(() -> key, clock, SignedHeaders.Purpose.LOCK_BOARD);
    }

    /** The headers to add to a request; a fresh nonce each time, so a signed request can be sent once. */
    public Map<String, String> headers(String method, String path, String query, String body) {
        long timestamp = clock.instant().getEpochSecond();
        byte[] nonceBytes = new byte[16];
        RANDOM.nextBytes(nonceBytes);
        String nonce = Hex.of(nonceBytes);
        HmacKey key = this.key.get();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SignedHeaders.KEY_ID, key.id());
        headers.put(SignedHeaders.TIMESTAMP, Long.toString(timestamp));
        headers.put(SignedHeaders.NONCE, nonce);
        headers.put(SignedHeaders.SIGNATURE, Hex.of(key.sign(
                SignedHeaders.canonical(purpose, method, path, query, timestamp, nonce, body))));
        return headers;
    }
}
