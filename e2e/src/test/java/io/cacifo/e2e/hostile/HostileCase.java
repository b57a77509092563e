package io.cacifo.e2e.hostile;

/**
 * One request the locker must refuse (or, for an action that reads no body, ignore) without a 5xx
 * and without changing its database: who signs it and how the signature is spoiled, where it goes,
 * what it carries, and the reply it must get.
 */
final class HostileCase {
    /** Who signs. */
    enum Signer {
        /** No signature headers at all. */
        NONE,
        /** The locker's internal HMAC key, as one function calls another. */
        INTERNAL,
        /** The back-end's EC key. */
        BACKEND,
        /** An EC key the locker does not know, under its own key id. */
        STRANGER_EC,
        /** An HMAC key the locker does not know, under its own key id. */
        STRANGER_HMAC
    }

    /** How the signer's genuine signature is spoiled before sending. */
    enum Tweak {
        NONE,
        /** The right key id, a signature made with another key. */
        FORGED,
        /** Signed two minutes ago (the window is 30 s). */
        STALE,
        /** Signed two minutes ahead. */
        FUTURE,
        /** Signed over another body than the one sent. */
        BODY_SWAPPED,
        /** Signed over another query than the one sent. */
        QUERY_SWAPPED,
        /** Signed for another function's path. */
        OTHER_FUNCTION,
        /** The signature header is not a signature. */
        MALFORMED_SIGNATURE,
        NO_NONCE,
        BAD_NONCE,
        NO_TIMESTAMP,
        /** Sent once (must not change anything), then the very same request again: the second is the case. */
        REPLAY
    }

    final String name;
    final String function;
    final String method;
    /** The raw query, or null for none. */
    final String query;
    /** The body as sent; {@code "@envelope:<external id>"} (quoted) becomes a codes envelope sealed for that id. */
    final String body;
    final Signer signer;
    final Tweak tweak;
    final int status;
    /** The reply's {@code error}; null exactly when the status is 2xx (an action that reads no body). */
    final String error;

    HostileCase(String name, String function, String method, String query, String body, Signer signer, Tweak tweak,
                int status, String error) {
        this.name = name;
        this.function = function;
        this.method = method;
        this.query = query;
        this.body = body;
        this.signer = signer;
        this.tweak = tweak;
        this.status = status;
        this.error = error;
        if (accepted() != (error == null)) {
            throw new IllegalArgumentException("a refusal names its error code, an accepted request none: " + this);
        }
    }

    /** A 2xx: the request is harmless and the locker takes it (it must still change nothing). */
    boolean accepted() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        String shown = body.length() > 80 ? body.substring(0, 60) + "...(" + body.length() + " chars)" : body;
        return name + ": " + method + " " + function + (query == null ? "" : "?" + query) + " " + shown
                .replaceAll("\\p{Cntrl}", "?") + " [" + signer + (tweak == Tweak.NONE ? "" : "/" + tweak) + "] -> "
                + status + (error == null ? "" : " " + error);
    }
}
