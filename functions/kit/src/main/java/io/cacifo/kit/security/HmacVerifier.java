package io.cacifo.kit.security;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks the internal HMAC signature of a call to this function, by the rules of
 * {@link SignatureCheck}: {@code X-Cacifo-Signature} is lower-case hex of HMAC-SHA256 under a key
 * whose {@link HmacKey#id} is {@code X-Cacifo-Key-Id}. Every refusal is the same 401 to the caller;
 * the message names the rule broken, never a key.
 */
public final class HmacVerifier implements RequestVerifier {
    private static final Pattern HEX_SIGNATURE = Pattern.compile("[0-9a-f]{64}");

    private final SignatureCheck<HmacKey> check;

    /**
     * {@code pathPrefix}: what the caller's path had before the path this server receives, such as
     * {@code /function/user-manager} behind the gateway, or "" for a server addressed directly.
     * {@code keys}: fixed keys (tests, the lock board).
     */
    public HmacVerifier(String pathPrefix, List<HmacKey> keys, Clock clock, long maxSkewSeconds) {
        this(SignedHeaders.Purpose.FUNCTION_CALL, pathPrefix, byId(keys), clock, maxSkewSeconds);
    }

    /** Verifies under whatever {@code keys} accepts now: the locker's internal keys, which rotate. */
    public HmacVerifier(String pathPrefix, RotatingKeys<HmacKey> keys, Clock clock, long maxSkewSeconds) {
        this(SignedHeaders.Purpose.FUNCTION_CALL, pathPrefix, keys::accepted, clock, maxSkewSeconds);
    }

    private HmacVerifier(SignedHeaders.Purpose purpose, String pathPrefix, Function<String, HmacKey> keys, Clock clock,
                         long maxSkewSeconds) {
        this.check = new SignatureCheck<>(purpose, pathPrefix, keys,
                HEX_SIGNATURE, (key, canonical, signature) -> key.matches(canonical, Hex.parse(signature)),
                clock, maxSkewSeconds);
    }

    private static Function<String, HmacKey> byId(List<HmacKey> keys) {
        return keys.stream().collect(Collectors.toUnmodifiableMap(HmacKey::id, Function.identity(), (a, b) -> a))::get;
    }

    /**
     * The lock board's side of {@link RequestSigner#forLockBoard}: the board is addressed directly,
     * so the signed path is the path it receives. Failure behaviour as {@link #verify}.
     */
    public static HmacVerifier forLockBoard(List<HmacKey> keys, Clock clock, long maxSkewSeconds) {
        return new HmacVerifier(SignedHeaders.Purpose.LOCK_BOARD, "", byId(keys), clock, maxSkewSeconds);
    }

    @Override
    public void verify(String method, String receivedPath, String query, Map<String, String> headers, String body) {
        check.verify(method, receivedPath, query, headers, body);
    }

    @Override
    public boolean knowsKey(String keyId) {
        return check.knowsKey(keyId);
    }
}
