package io.cacifo.kit.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The back-end's side of {@link EcdsaVerifier}: signs a call to a locker with the back-end's EC P-256
 * private key. Lives in the kit so the back-end tool, tests and load plans sign exactly as the
 * verifier checks; no function holds such a key.
 */
public final class EcdsaSigner {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final KeyPair keyPair;
    private final String keyId;
    private final Clock clock;
    /** Signature objects are not thread-safe; one per thread, initialised once with the private key. */
    private final ThreadLocal<Signature> signature;

    /**
     * {@code keyPair}: the back-end's P-256 pair; the public half gives the key id. A key off P-256, or
     * halves that do not belong together, throw {@link IllegalStateException} here rather than
     * signing requests every locker refuses.
     */
    public EcdsaSigner(KeyPair keyPair, Clock clock) {
        EcP256.require(keyPair.getPublic(), "public");
        EcP256.require(keyPair.getPrivate(), "private");
        if (!EcP256.belongTogether(keyPair)) {
            throw new IllegalStateException("the EC public key does not belong to the private key");
        }
        this.keyPair = keyPair;
        this.keyId = PemKeys.keyId(keyPair.getPublic());
        this.clock = clock;
        this.signature = ThreadLocal.withInitial(this::newSignature);
    }

    public String keyId() {
        return keyId;
    }

    /** The four headers to add to a request; a fresh nonce each time, so a signed request can be sent once. */
    public Map<String, String> headers(String method, String path, String query, String body) {
        long timestamp = clock.instant().getEpochSecond();
        byte[] nonceBytes = new byte[16];
        RANDOM.nextBytes(nonceBytes);
        String nonce = Hex.of(nonceBytes);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SignedHeaders.KEY_ID, keyId);
        headers.put(SignedHeaders.TIMESTAMP, Long.toString(timestamp));
        headers.put(SignedHeaders.NONCE, nonce);
        headers.put(SignedHeaders.SIGNATURE, Base64.getEncoder().encodeToString(
                sign(SignedHeaders.canonical(method, path, query, timestamp, nonce, body))));
        return headers;
    }

    private byte[] sign(String canonical) {
        Signature signer = signature.get();
        try {
            signer.update(canonical.getBytes(StandardCharsets.UTF_8));
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with a key checked at start failed", e);
        }
    }

    private Signature newSignature() {
        try {
            Signature signer = Signature.getInstance(EcP256.SIGNATURE_ALGORITHM);
            signer.initSign(keyPair.getPrivate(), RANDOM);
            return signer;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with SHA256withECDSA", e);
        }
    }
}
