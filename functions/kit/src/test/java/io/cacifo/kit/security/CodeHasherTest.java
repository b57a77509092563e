package io.cacifo.kit.security;

import io.cacifo.kit.http.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeHasherTest {
    private final CodeHasher hasher = new CodeHasher(new HmacKey("a".repeat(64)));

    @Test
    void the_same_code_always_has_the_same_stored_form() {
        assertEquals(hasher.hash("12345678"), hasher.hash("12345678"));
        assertTrue(hasher.hash("12345678").matches("[0-9a-f]{64}"));
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

    @ParameterizedTest
    @ValueSource(strings = {"", "123", "12a45678", " 12345678", "1234567890123456789012345678901234", "１２３４５６７８"})
    void anything_but_4_to_32_ascii_digits_is_refused_unhashed(String code) {
        ApiException refused = assertThrows(ApiException.class, () -> hasher.hash(code));

        assertEquals(400, refused.status());
        assertEquals("invalid_code", refused.error());
    }
}
