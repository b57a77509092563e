package io.cacifo.backend;

import io.cacifo.kit.security.KeyPairs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClearCodesTest {
    @ParameterizedTest(name = "{0} digits")
    @ValueSource(ints = {10, 11, 12})
    void random_codes_are_three_different_digit_strings_of_the_length_asked(int length) {
        for (int i = 0; i < 200; i++) {
            ClearCodes codes = ClearCodes.random(length);
            Set<String> distinct = new HashSet<>(Set.of(codes.deposit(), codes.pickup(), codes.backup()));
            assertEquals(3, distinct.size());
            distinct.forEach(code -> assertTrue(code.matches("[0-9]{" + length + "}"), code));
        }
    }

    @Test
    void random_codes_use_every_digit_in_every_position() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = ClearCodes.random().deposit();
            for (int position = 0; position < code.length(); position++) {
                seen.add(position + ":" + code.charAt(position));
            }
        }
        assertEquals(10 * ClearCodes.DEFAULT_LENGTH, seen.size(), "no digit is stuck in any position");
    }

    @ParameterizedTest(name = "{0} digits")
    @ValueSource(ints = {0, 7, 8, 9, 13, 32})
    void a_length_the_locker_would_refuse_is_refused_here(int length) {
        assertThrows(IllegalArgumentException.class, () -> ClearCodes.random(length));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a short code         | 123456789  | 2234567890 | 3234567890",
            "an eight-digit code  | 12345678   | 2234567890 | 3234567890",
            "a letter             | 123456789a | 2234567890 | 3234567890",
            "a repeated code      | 1234567890 | 1234567890 | 3234567890",
            "back-up as pick-up   | 1234567890 | 2234567890 | 2234567890",
            "a missing code       | 1234567890 | 2234567890 | ",
    })
    void chosen_codes_must_be_what_the_locker_accepts(String what, String deposit, String pickup, String backup) {
        assertThrows(IllegalArgumentException.class, () -> ClearCodes.of(deposit, pickup, backup), what);
    }

    @Test
    void codes_do_not_show_in_a_log_line() {
        ClearCodes codes = ClearCodes.of("1234567890", "2234567890", "3234567890");

        assertEquals("ClearCodes[hidden]", codes.toString());
        assertFalse(("parcel " + codes).contains("1234567890"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an external id with a space | P 1       | 4",
            "an empty external id        | ''        | 4",
            "door 0                      | P-1       | 0",
            "door 10000                  | P-1       | 10000",
    })
    void a_parcel_the_locker_would_refuse_is_refused_before_sealing(String what, String externalId, long door) {
        assertThrows(IllegalArgumentException.class,
                () -> new NewParcel(externalId, door, null, null, ClearCodes.random()).insertBody(KeyPairs.rsa(2048).getPublic()), what);
    }

    @Test
    void an_external_id_longer_than_64_characters_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new NewParcel("P".repeat(65), 4, null, null, ClearCodes.random()));
    }
}
