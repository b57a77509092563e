package io.cacifo.kit.security;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Json;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * A parcel's codes as the back-end sends them: encrypted for one locker, readable only with that
 * locker's RSA private key. A fresh AES-256-GCM data key encrypts the plaintext; RSA-OAEP
 * (SHA-256, MGF1-SHA-256, empty label) wraps the data key under the locker's public key.
 *
 * <pre>
 * {"alg": "RSA-OAEP-256+A256GCM", "kid": keyId(locker RSA public key),
 *  "wrapped_key": base64(RSA-OAEP(data key)), "iv": base64(12 random bytes),
 *  "ciphertext": base64(AES-GCM output: ciphertext followed by the 16-byte tag)}
 * </pre>
 *
 * The GCM additional authenticated data is the UTF-8 of the parcel's external id, so an envelope
 * taken from one parcel does not open as another's. Base64 is standard and padded.
 *
 * <p>Failure behaviour: a malformed, tampered, foreign or misdirected envelope is {@link ApiException}
 * 400 {@code invalid_envelope}. All cryptographic failures share one message, so a caller cannot
 * tell a bad wrapped key from a bad tag (the difference is what padding-oracle attacks feed on).
 */
public final class CodeEnvelope {
    public static final String ALGORITHM = "RSA-OAEP-256+A256GCM";
    private static final String ERROR = "invalid_envelope";
    private static final String CANNOT_OPEN = "the codes envelope cannot be opened by this locker";
    private static final int DATA_KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** RSA up to 8192 bits; codes are a few dozen bytes, so 16 KiB is generous and bounds the work. */
    private static final int MAX_WRAPPED_KEY_BYTES = 1024;
    private static final int MAX_CIPHERTEXT_BYTES = 16 * 1024;
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");
    private static final OAEPParameterSpec OAEP = new OAEPParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String kid;
    private final byte[] wrappedKey;
    private final byte[] iv;
    private final byte[] ciphertext;

    private CodeEnvelope(String kid, byte[] wrappedKey, byte[] iv, byte[] ciphertext) {
        this.kid = kid;
        this.wrappedKey = wrappedKey;
        this.iv = iv;
        this.ciphertext = ciphertext;
    }

    /**
     * Encrypts {@code plaintextJson} for the locker holding the private half of {@code lockerRsa},
     * bound to {@code aad} (the parcel's external id). Throws {@link IllegalArgumentException} for a
     * key that is not RSA or a missing aad, {@link IllegalStateException} if the JRE lacks a cipher.
     */
    public static CodeEnvelope seal(PublicKey lockerRsa, String plaintextJson, String aad) {
        if (!(lockerRsa instanceof RSAPublicKey)) {
            throw new IllegalArgumentException("a codes envelope is sealed with the locker's RSA public key");
        }
        if (aad == null || aad.isEmpty() || plaintextJson == null) {
            throw new IllegalArgumentException("a codes envelope needs a plaintext and the parcel's external id");
        }
        byte[] dataKey = new byte[DATA_KEY_BYTES];
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(dataKey);
        RANDOM.nextBytes(iv);
        try {
            return seal(lockerRsa, plaintextJson, aad, dataKey, iv);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * {@link #seal(PublicKey, String, String)} with the data key and IV given: the AES-GCM part is then
     * deterministic, which the published vectors (docs/vectors/codes-envelope.json) check. Never for
     * real codes: a key and IV used twice give the codes away.
     */
    static CodeEnvelope seal(PublicKey lockerRsa, String plaintextJson, String aad, byte[] dataKey, byte[] iv) {
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            aes.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = aes.doFinal(plaintextJson.getBytes(StandardCharsets.UTF_8));
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.ENCRYPT_MODE, lockerRsa, OAEP, RANDOM);
            byte[] wrappedKey = rsa.doFinal(dataKey);
            return new CodeEnvelope(PemKeys.keyId(lockerRsa), wrappedKey, iv, ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JRE cannot seal a codes envelope", e);
        }
    }

    /**
     * Reads an envelope's fields strictly: every field present, a string, of the right form and size.
     * Anything else is 400 {@code invalid_envelope} naming the field.
     */
    public static CodeEnvelope fromJson(JsonObject json) {
        if (json == null) {
            throw ApiException.badRequest(ERROR, "the codes envelope is missing");
        }
        String alg = text(json, "alg");
        if (!ALGORITHM.equals(alg)) {
            throw ApiException.badRequest(ERROR, "the codes envelope's 'alg' must be " + ALGORITHM);
        }
        String kid = text(json, "kid");
        if (!KEY_ID.matcher(kid).matches()) {
            throw ApiException.badRequest(ERROR, "the codes envelope's 'kid' must be 16 lower-case hex characters");
        }
        byte[] wrappedKey = bytes(json, "wrapped_key", 1, MAX_WRAPPED_KEY_BYTES);
        byte[] iv = bytes(json, "iv", IV_BYTES, IV_BYTES);
        byte[] ciphertext = bytes(json, "ciphertext", TAG_BITS / 8 + 1, MAX_CIPHERTEXT_BYTES);
        return new CodeEnvelope(kid, wrappedKey, iv, ciphertext);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("alg", ALGORITHM);
        json.addProperty("kid", kid);
        json.addProperty("wrapped_key", Base64.getEncoder().encodeToString(wrappedKey));
        json.addProperty("iv", Base64.getEncoder().encodeToString(iv));
        json.addProperty("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
        return json;
    }

    /**
     * The plaintext, if this envelope was sealed for {@code lockerRsa}'s public half and bound to
     * {@code aad}. Anything else (another locker's key, another parcel, any changed byte) is 400
     * {@code invalid_envelope}; never a 500. A key that is not an RSA private key is a wiring mistake:
     * {@link IllegalArgumentException}.
     */
    public String open(PrivateKey lockerRsa, String aad) {
        if (!(lockerRsa instanceof RSAPrivateKey)) {
            throw new IllegalArgumentException("a codes envelope is opened with the locker's RSA private key");
        }
        // The kid is public, so saying it does not match tells an attacker nothing, and it tells the
        // back-end's operator the one thing worth knowing: it used another locker's key.
        Optional<PublicKey> own = PemKeys.rsaPublicKeyOf(lockerRsa);
        if (own.isPresent() && !PemKeys.keyId(own.get()).equals(kid)) {
            throw ApiException.badRequest(ERROR, "the codes envelope was sealed for another locker key");
        }
        if (aad == null) {
            throw ApiException.badRequest(ERROR, CANNOT_OPEN);
        }
        byte[] dataKey = null;
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.DECRYPT_MODE, lockerRsa, OAEP);
            dataKey = rsa.doFinal(wrappedKey);
            if (dataKey.length != DATA_KEY_BYTES) {
                throw new BadPaddingException();
            }
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            aes.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return new String(aes.doFinal(ciphertext), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | RuntimeException e) {
            // Bad OAEP padding, a wrong-size block, a failed tag: all the same to the caller.
            throw ApiException.badRequest(ERROR, CANNOT_OPEN);
        } finally {
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
        }
    }

    /** As {@link #open}, for plaintexts that must be a JSON object; anything else is 400 {@code invalid_envelope}. */
    public JsonObject openObject(PrivateKey lockerRsa, String aad) {
        String plaintext = open(lockerRsa, aad);
        JsonElement element;
        try {
            element = Json.parse(plaintext);
        } catch (ApiException notJson) {
            throw ApiException.badRequest(ERROR, "the codes envelope does not hold a JSON object");
        }
        if (!element.isJsonObject()) {
            throw ApiException.badRequest(ERROR, "the codes envelope does not hold a JSON object");
        }
        return element.getAsJsonObject();
    }

    @Override
    public String toString() {
        return Json.write(toJson());
    }

    private static String text(JsonObject json, String field) {
        JsonElement value = json.get(field);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw ApiException.badRequest(ERROR, "the codes envelope's '" + field + "' must be a string");
        }
        return value.getAsString();
    }

    private static byte[] bytes(JsonObject json, String field, int minBytes, int maxBytes) {
        String text = text(json, field);
        // Checked before decoding, so an oversized field costs nothing.
        if (text.length() > (maxBytes + 2) / 3 * 4) {
            throw ApiException.badRequest(ERROR, "the codes envelope's '" + field + "' is too long");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ERROR, "the codes envelope's '" + field + "' is not standard base64");
        }
        if (decoded.length < minBytes || decoded.length > maxBytes) {
            throw ApiException.badRequest(ERROR, "the codes envelope's '" + field + "' has the wrong length");
        }
        return decoded;
    }
}
