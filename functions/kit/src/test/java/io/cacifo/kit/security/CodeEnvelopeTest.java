package io.cacifo.kit.security;

import com.google.gson.JsonObject;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.security.KeyPair;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeEnvelopeTest {
    /** 2048 bits keeps the suite quick; the back-end tool's keygen makes 3072-bit locker keys. */
    private static final KeyPair LOCKER = KeyPairs.rsa(2048);
    private static final KeyPair OTHER_LOCKER = KeyPairs.rsa(2048);
    private static final String CODES = "{\"deposit_code\":\"1234567890\",\"pickup_code\":\"2345678901\",\"backup_code\":\"3456789012\"}";
    private static final String CANNOT_OPEN = "the codes envelope cannot be opened by this locker";

    /** The envelope as it arrives inside a request body: written to JSON text and parsed back. */
    private static CodeEnvelope received(JsonObject json) {
        return CodeEnvelope.fromJson(Json.parse(Json.write(json)).getAsJsonObject());
    }

    private static JsonObject sealed(String aad) {
        return CodeEnvelope.seal(LOCKER.getPublic(), CODES, aad).toJson();
    }

    @Test
    void the_locker_opens_what_the_backend_sealed_for_its_parcel() {
        JsonObject envelope = sealed("P-1");

        JsonObject codes = received(envelope).openObject(LOCKER.getPrivate(), "P-1");

        assertEquals("1234567890", codes.get("deposit_code").getAsString());
        assertEquals("2345678901", codes.get("pickup_code").getAsString());
        assertEquals("3456789012", codes.get("backup_code").getAsString());
    }

    @Test
    void the_envelope_has_the_agreed_fields_and_sizes() {
        JsonObject envelope = sealed("P-1");

        assertEquals("RSA-OAEP-256+A256GCM", envelope.get("alg").getAsString());
        assertEquals(PemKeys.keyId(LOCKER.getPublic()), envelope.get("kid").getAsString());
        assertEquals(256, Base64.getDecoder().decode(envelope.get("wrapped_key").getAsString()).length);
        assertEquals(12, Base64.getDecoder().decode(envelope.get("iv").getAsString()).length);
        assertEquals(CODES.length() + 16, Base64.getDecoder().decode(envelope.get("ciphertext").getAsString()).length);
        assertFalse(Json.write(envelope).contains("1234567890"), "the codes do not show through");
    }

    @Test
    void sealing_the_same_codes_twice_gives_unrelated_envelopes() {
        JsonObject first = sealed("P-1");
        JsonObject second = sealed("P-1");

        assertNotEquals(first.get("wrapped_key"), second.get("wrapped_key"));
        assertNotEquals(first.get("iv"), second.get("iv"));
        assertNotEquals(first.get("ciphertext"), second.get("ciphertext"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ciphertext, 0",
            "ciphertext, -1",
            "iv, 0",
            "iv, 11",
            "wrapped_key, 0",
            "wrapped_key, 128",
            "wrapped_key, -1",
    })
    void a_flipped_bit_anywhere_makes_the_envelope_unopenable(String field, int byteIndex) {
        JsonObject envelope = sealed("P-1");
        byte[] bytes = Base64.getDecoder().decode(envelope.get(field).getAsString());
        int index = byteIndex < 0 ? bytes.length + byteIndex : byteIndex;
        bytes[index] ^= 0x01;
        envelope.addProperty(field, Base64.getEncoder().encodeToString(bytes));

        ApiException refused = assertThrows(ApiException.class, () -> received(envelope).open(LOCKER.getPrivate(), "P-1"));

        assertInvalid(refused, CANNOT_OPEN);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "another parcel's external id | P-2",
            "a prefix of the external id  | P-",
            "an empty external id         | ''",
    })
    void an_envelope_does_not_open_for_another_parcel(String what, String otherAad) {
        JsonObject envelope = sealed("P-1");

        ApiException refused = assertThrows(ApiException.class, () -> received(envelope).open(LOCKER.getPrivate(), otherAad));

        assertInvalid(refused, CANNOT_OPEN);
    }

    @Test
    void another_locker_cannot_open_the_envelope_and_is_told_it_was_not_meant_for_it() {
        JsonObject envelope = sealed("P-1");

        ApiException refused = assertThrows(ApiException.class, () -> received(envelope).open(OTHER_LOCKER.getPrivate(), "P-1"));

        assertInvalid(refused, "the codes envelope was sealed for another locker key");
    }

    @Test
    void relabelling_an_envelope_with_another_lockers_key_id_still_does_not_open_it() {
        JsonObject envelope = sealed("P-1");
        envelope.addProperty("kid", PemKeys.keyId(OTHER_LOCKER.getPublic()));

        ApiException refused = assertThrows(ApiException.class, () -> received(envelope).open(OTHER_LOCKER.getPrivate(), "P-1"));

        assertInvalid(refused, CANNOT_OPEN);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no alg                   | alg         | ",
            "another alg              | alg         | \"RSA1_5+A128CBC\"",
            "a kid that is not hex    | kid         | \"LOCKER-1\"",
            "a kid that is a number   | kid         | 12",
            "an iv of 11 bytes        | iv          | \"AAAAAAAAAAAAAAA=\"",
            "an iv that is not base64 | iv          | \"not base64!!\"",
            "url-safe base64          | wrapped_key | \"__--\"",
            "no wrapped key           | wrapped_key | ",
            "a ciphertext only a tag  | ciphertext  | \"AAAAAAAAAAAAAAAAAAAAAA==\"",
            "a ciphertext object      | ciphertext  | {}",
            "a null ciphertext        | ciphertext  | null",
    })
    void a_malformed_envelope_is_refused_naming_the_field(String what, String field, String jsonValue) {
        JsonObject envelope = sealed("P-1");
        envelope.remove(field);
        if (jsonValue != null) {
            envelope.add(field, Json.parse(jsonValue));
        }

        ApiException refused = assertThrows(ApiException.class, () -> received(envelope));

        assertEquals(400, refused.status(), what);
        assertEquals("invalid_envelope", refused.error(), what);
        assertTrue(refused.getMessage().contains("'" + field + "'"), what + ": " + refused.getMessage());
    }

    @Test
    void an_oversized_ciphertext_is_refused_before_it_is_decoded() {
        JsonObject envelope = sealed("P-1");
        envelope.addProperty("ciphertext", "A".repeat(64 * 1024));

        ApiException refused = assertThrows(ApiException.class, () -> received(envelope));

        assertInvalid(refused, "the codes envelope's 'ciphertext' is too long");
    }

    @Test
    void a_missing_envelope_is_a_bad_request() {
        assertInvalid(assertThrows(ApiException.class, () -> CodeEnvelope.fromJson(null)), "the codes envelope is missing");
    }

    @Test
    void a_plaintext_that_is_not_a_json_object_is_refused_by_open_object() {
        CodeEnvelope envelope = received(CodeEnvelope.seal(LOCKER.getPublic(), "[\"1234567890\"]", "P-1").toJson());

        ApiException refused = assertThrows(ApiException.class, () -> envelope.openObject(LOCKER.getPrivate(), "P-1"));

        assertInvalid(refused, "the codes envelope does not hold a JSON object");
    }

    @Test
    void sealing_needs_an_rsa_key_and_an_external_id() {
        KeyPair ec = KeyPairs.ecP256();

        assertThrows(IllegalArgumentException.class, () -> CodeEnvelope.seal(ec.getPublic(), CODES, "P-1"));
        assertThrows(IllegalArgumentException.class, () -> CodeEnvelope.seal(LOCKER.getPublic(), CODES, ""));
        assertThrows(IllegalArgumentException.class, () -> received(sealed("P-1")).open(ec.getPrivate(), "P-1"));
    }

    private static void assertInvalid(ApiException refused, String message) {
        assertEquals(400, refused.status());
        assertEquals("invalid_envelope", refused.error());
        assertEquals(message, refused.getMessage());
    }
}
