package io.cacifo.kit.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The back-end's side of {@link SignedReplies}: signs its answer to one locker's {@code POST /events}
 * with the {@code backend-hmac-key} it shares with that locker.
 */
public final class ReplySigner {
    private final HmacKey key;

    public ReplySigner(HmacKey key) {
        this.key = key;
    }

    /**
     * The headers to add to {@code replyBody}, the answer to the request that carried
     * {@code requestNonce} and {@code requestBody}. Throws {@link IllegalArgumentException} for a
     * missing nonce: only a request whose signature was checked is answered, and it has one.
     */
    public Map<String, String> headers(String requestNonce, byte[] requestBody, byte[] replyBody) {
        if (requestNonce == null || requestNonce.isBlank()) {
            throw new IllegalArgumentException("a reply is signed for a request's nonce, and this request has none");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SignedHeaders.KEY_ID, key.id());
        headers.put(SignedHeaders.SIGNATURE, Hex.of(key.sign(SignedReplies.canonical(requestNonce, requestBody, replyBody))));
        return headers;
    }
}
