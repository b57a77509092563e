package io.cacifo.kit.security;

import io.cacifo.kit.http.ApiException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks the back-end's ECDSA P-256 signature on a call that creates, changes or deletes locker data.
 * The locker holds only the back-end's public keys, so a copied locker cannot forge such a call.
 * Headers, canonical text, clock window and nonce rules are those of {@link HmacVerifier}; only the
 * signature differs: {@code X-Cacifo-Signature} is standard padded base64 of the DER-encoded
 * SHA256withECDSA signature, and {@code X-Cacifo-Key-Id} is {@link PemKeys#keyId} of the public key.
 *
 * <p>Failure behaviour: every refusal is {@link ApiException} 401 {@code unauthorized}; the message
 * names the rule broken, never a key.
 */
public final class EcdsaVerifier implements RequestVerifier {
    /** A DER P-256 signature is at most 72 bytes: 96 base64 characters. */
    private static final Pattern BASE64_SIGNATURE = Pattern.compile("(?:[A-Za-z0-9+/]{4}){1,23}(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)");

    private final SignatureCheck<PublicKey> check;
    /** Signature objects are not thread-safe; one per thread, re-initialised with the caller's key per call. */
    private final ThreadLocal<Signature> signature = ThreadLocal.withInitial(EcdsaVerifier::newSignature);

    /**
     * {@code pathPrefix}: as for {@link HmacVerifier}. {@code keys}: the back-end's current public key
     * and, during a rotation, the other one; each must be EC P-256 or this throws
     * {@link IllegalStateException} at start.
     */
    public EcdsaVerifier(String pathPrefix, List<PublicKey> keys, Clock clock, long maxSkewSeconds) {
        this(pathPrefix, byId(keys)::get, clock, maxSkewSeconds);
    }

    /**
     * Verifies under whatever {@code keys} accepts now: the back-end's public keys, which rotate
     * (each checked as EC P-256 when the secret is read).
     */
    public EcdsaVerifier(String pathPrefix, RotatingKeys<PublicKey> keys, Clock clock, long maxSkewSeconds) {
        this(pathPrefix, keys::accepted, clock, maxSkewSeconds);
    }

    private EcdsaVerifier(String pathPrefix, Function<String, PublicKey> keys, Clock clock, long maxSkewSeconds) {
        this.check = new SignatureCheck<>(SignedHeaders.Purpose.FUNCTION_CALL, pathPrefix, keys, BASE64_SIGNATURE,
                (key, canonical, signature) -> matches(key, canonical, Base64.getDecoder().decode(signature)),
                clock, maxSkewSeconds);
    }

    private static Map<String, PublicKey> byId(List<PublicKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("an ECDSA verifier needs at least one public key");
        }
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        for (PublicKey key : keys) {
            byId.put(PemKeys.keyId(EcP256.require(key, "public")), key);
        }
        return Map.copyOf(byId);
    }

    @Override
    public void verify(String method, String receivedPath, String query, Map<String, String> headers, String body) {
        check.verify(method, receivedPath, query, headers, body);
    }

    private boolean matches(PublicKey key, String canonical, byte[] der) {
        Signature verifier = signature.get();
        try {
            verifier.initVerify(key);
            verifier.update(canonical.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(der);
        } catch (SignatureException e) {
            // Not a DER signature, or r/s out of range: a forgery, not our fault.
            return false;
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("a P-256 key checked at start was refused by the JRE", e);
        }
    }

    private static Signature newSignature() {
        try {
            return Signature.getInstance(EcP256.SIGNATURE_ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withECDSA is part of every JRE", e);
        }
    }

    @Override
    public boolean knowsKey(String keyId) {
        return check.knowsKey(keyId);
    }
}
