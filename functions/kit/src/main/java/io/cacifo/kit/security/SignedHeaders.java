package io.cacifo.kit.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The signing contract shared by signer and verifier: the header names and the canonical text.
 *
 * <pre>
 * PURPOSE \n METHOD \n PATH \n QUERY \n TIMESTAMP \n NONCE \n hex(sha256(body))
 * </pre>
 *
 * PURPOSE is {@code cacifo-v1} for calls to the locker's functions (and the controller's events to
 * the back-end) and {@code cacifo-board-v1} for door-io's calls to the lock board, so a signature
 * made for one kind of call is never valid as the other, whatever key made it ({@link Purpose}).
 * PATH is the gateway path, {@code /function/<name>} plus any sub-path, because that is what the
 * caller addresses; the function rebuilds it from its own name and the path it receives. A server
 * addressed directly (the lock board, the back-end) uses the path it receives.
 */
public final class SignedHeaders {
    public static final String KEY_ID = "X-Cacifo-Key-Id";
    public static final String TIMESTAMP = "X-Cacifo-Timestamp";
    public static final String NONCE = "X-Cacifo-Nonce";
    public static final String SIGNATURE = "X-Cacifo-Signature";

    /** What a signature is for: the first line of the canonical text. */
    public enum Purpose {
        /** A call to a locker function through the gateway, or an event to the back-end. */
        FUNCTION_CALL("cacifo-v1"),
        /** door-io's call to the lock board, under {@code lock-board-key}. */
        LOCK_BOARD("cacifo-board-v1");

        private final String prefix;

        Purpose(String prefix) {
            this.prefix = prefix;
        }
    }

    private SignedHeaders() {
    }

    public static String canonical(String method, String path, String query, long timestamp, String nonce, String body) {
        return canonical(Purpose.FUNCTION_CALL, method, path, query, timestamp, nonce, body);
    }

    public static String canonical(Purpose purpose, String method, String path, String query, long timestamp,
                                   String nonce, String body) {
        return purpose.prefix + "\n" + method + "\n" + path + "\n" + (query == null ? "" : query) + "\n"
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
