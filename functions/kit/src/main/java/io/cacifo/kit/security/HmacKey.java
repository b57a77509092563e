package io.cacifo.kit.security;

import io.cacifo.kit.config.Secrets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * An HMAC-SHA256 key with an id derived from it (so two keys valid during a rotation never share an
 * id, and the id reveals nothing usable). A {@link Mac} is made per thread once, not per request.
 */
public final class HmacKey {
    private static final int MIN_KEY_BYTES = 32;
    private final String id;
    private final ThreadLocal<Mac> mac;

    public HmacKey(String secretText) {
        byte[] key = secretText.getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("an HMAC key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        this.id = Hex.of(SignedHeaders.sha256("cacifo-key-id:" + secretText)).substring(0, 16);
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(spec);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
            }
        });
    }

    /**
     * The key in secret file {@code name} of {@code secrets}. Failure behaviour: a missing file, or a
     * text too short for a key, throws {@link IllegalStateException} naming the secret, never its text.
     */
    public static HmacKey fromSecret(Secrets secrets, String name) {
        return named(name, secrets.require(name));
    }

    /** {@code new HmacKey(text)}, its refusal naming the secret the text came from. */
    static HmacKey named(String secret, String text) {
        try {
            return new HmacKey(text);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("secret '" + secret + "': " + e.getMessage());
        }
    }

    public String id() {
        return id;
    }

    public byte[] sign(String text) {
        return mac.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Compares in constant time, so a forger learns nothing from how long a refusal takes. */
    public boolean matches(String text, byte[] signature) {
        return MessageDigest.isEqual(sign(text), signature);
    }
}
