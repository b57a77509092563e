package io.cacifo.kit.security;

import com.google.gson.JsonObject;
import io.cacifo.kit.http.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The stored form of a code against docs/vectors/code-hash.json, whose hashes were computed apart from
 * this code (scripts/vectors/cacifo_vectors.py; the first also with {@code openssl dgst -sha256 -hmac}).
 */
class CodeHasherTest {
    private static final JsonObject VECTORS = PublishedVectors.read("code-hash.json");
    private final CodeHasher hasher = new CodeHasher(new HmacKey("a".repeat(64)));

    static Stream<Arguments> publishedHashes() {
        return PublishedVectors.objects(VECTORS, "hashes").stream()
                .map(vector -> Arguments.of(vector.get("code").getAsString(), vector.get("key").getAsString(), vector));
    }

    static Stream<Arguments> publishedRefusals() {
        return PublishedVectors.objects(VECTORS, "refused").stream()
                .map(vector -> Arguments.of(vector.get("code").getAsString(), vector.get("why").getAsString()));
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("publishedHashes")
    void a_code_is_stored_as_the_published_hmac_of_cacifo_code_and_the_code(String code, String keyName, JsonObject vector) {
        JsonObject key = VECTORS.getAsJsonObject("keys").getAsJsonObject(keyName);
        CodeHasher published = new CodeHasher(new HmacKey(key.get("text").getAsString()));

        assertEquals(vector.get("hash").getAsString(), published.hash(code));
        assertEquals(key.get("key_id").getAsString(), new HmacKey(key.get("text").getAsString()).id());
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @MethodSource("publishedRefusals")
    void a_published_malformed_code_is_refused_unhashed(String code, String why) {
        ApiException refused = assertThrows(ApiException.class, () -> hasher.hash(code), why);

        assertEquals(400, refused.status());
        assertEquals("invalid_code", refused.error());
    }

    @Test
    void another_lockers_key_gives_another_hash() {
        CodeHasher other = new CodeHasher(new HmacKey("b".repeat(64)));

        assertNotEquals(hasher.hash("12345678"), other.hash("12345678"));
    }

    @Test
    void the_stored_form_is_not_a_plain_sha256_of_the_code() throws Exception {
        byte[] plain = MessageDigest.getInstance("SHA-256").digest("12345678".getBytes(StandardCharsets.UTF_8));

        assertNotEquals(Hex.of(plain), hasher.hash("12345678"));
    }
}
