package io.cacifo.kit.security;

import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.Headers;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The rules every signed request meets, whatever signs it: a key id this server knows, a timestamp
 * within the allowed skew, a well-formed nonce and signature, a signature over exactly what was
 * received, and a nonce not seen before. {@link HmacVerifier} and {@link EcdsaVerifier} differ only
 * in the signature's format and how it is matched against a key.
 */
final class SignatureCheck<K> {
    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{16,64}");

    /** Whether {@code signature} (as sent, already format-checked) signs {@code canonical} under {@code key}. */
    interface Matcher<K> {
        boolean matches(K key, String canonical, String signature);
    }

    private final SignedHeaders.Purpose purpose;
    private final String pathPrefix;
    /** The accepted key of an id, or null: a fixed map, or {@link RotatingKeys#accepted} while keys may change. */
    private final Function<String, K> keys;
    private final Pattern signatureFormat;
    private final Matcher<K> matcher;
    private final Clock clock;
    private final long maxSkewSeconds;
    private final NonceCache nonces = new NonceCache(200_000);

    SignatureCheck(SignedHeaders.Purpose purpose, String pathPrefix, Function<String, K> keys, Pattern signatureFormat,
                   Matcher<K> matcher, Clock clock, long maxSkewSeconds) {
        this.purpose = purpose;
        this.pathPrefix = pathPrefix;
        this.keys = keys;
        this.signatureFormat = signatureFormat;
        this.matcher = matcher;
        this.clock = clock;
        this.maxSkewSeconds = maxSkewSeconds;
    }

    /** Every refusal is {@link ApiException} 401; the message names the rule broken, never a key. */
    void verify(String method, String receivedPath, String query, Map<String, String> headers, String body) {
        K key = keys.apply(header(headers, SignedHeaders.KEY_ID));
        if (key == null) {
            throw ApiException.unauthorized("the request is not signed with a key this locker knows");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(header(headers, SignedHeaders.TIMESTAMP));
        } catch (NumberFormatException e) {
            throw ApiException.unauthorized("the request has no valid signature timestamp");
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > maxSkewSeconds) {
            throw ApiException.unauthorized("the request's signature is stale");
        }
        String nonce = header(headers, SignedHeaders.NONCE);
        String signature = header(headers, SignedHeaders.SIGNATURE);
        if (!NONCE.matcher(nonce).matches() || !signatureFormat.matcher(signature).matches()) {
            throw ApiException.unauthorized("the request's signature is malformed");
        }
        String canonical = SignedHeaders.canonical(purpose, method, SignedHeaders.fullPath(pathPrefix, receivedPath),
                query, timestamp, nonce, body);
        if (!matcher.matches(key, canonical, signature)) {
            throw ApiException.unauthorized("the request's signature does not match");
        }
        // Only a genuine request may take a nonce, so forgeries cannot fill the cache. The nonce, not
        // the signature, is the replay key: ECDSA signatures are malleable, the signed nonce is not.
        if (!nonces.firstUse(nonce, timestamp + maxSkewSeconds, now)) {
            throw ApiException.unauthorized("the request was already used");
        }
    }

    boolean knowsKey(String keyId) {
        return keyId != null && keys.apply(keyId.trim()) != null;
    }

    private static String header(Map<String, String> headers, String name) {
        return Headers.find(headers, name).map(String::trim).orElse("");
    }
}
