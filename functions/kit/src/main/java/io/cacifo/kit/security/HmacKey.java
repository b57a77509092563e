package io.cacifo.kit.security;

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
