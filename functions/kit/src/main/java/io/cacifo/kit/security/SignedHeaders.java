package io.cacifo.kit.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The signing contract shared by signer and verifier: the header names and the canonical text.
 *
 * <pre>
 * cacifo-v1 \n METHOD \n PATH \n QUERY \n TIMESTAMP \n NONCE \n hex(sha256(body))
 * </pre>
 *
 * PATH is the gateway path, {@code /function/<name>} plus any sub-path, because that is what the
 * caller addresses; the function rebuilds it from its own name and the path it receives.
 */
public final class SignedHeaders {
    public static final String KEY_ID = "X-Cacifo-Key-Id";
    public static final String TIMESTAMP = "X-Cacifo-Timestamp";
    public static final String NONCE = "X-Cacifo-Nonce";
    public static final String SIGNATURE = "X-Cacifo-Signature";

    private SignedHeaders() {
    }

    public static String canonical(String method, String path, String query, long timestamp, String nonce, String body) {
        return "cacifo-v1\n" + method + "\n" + path + "\n" + (query == null ? "" : query) + "\n"
                + timestamp + "\n" + nonce + "\n" + Hex.of(sha256(body == null ? "" : body));
    }

    /** The path prefix under which the gateway routes to {@code function}. */
    public static String functionPrefix(String function) {
        return "/function/" + function;
    }

    /**
     * The path the caller signed: the prefix the server sits behind plus the path it received.
     * Behind the gateway, a call to {@code /function/x} arrives as {@code /}, which adds nothing.
     */
    public static String fullPath(String prefix, String receivedPath) {
        if (receivedPath == null || receivedPath.isEmpty() || ("/".equals(receivedPath) && !prefix.isEmpty())) {
            return prefix.isEmpty() ? "/" : prefix;
        }
        return prefix + receivedPath;
    }

    static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
