package io.cacifo.reservations;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The rules of when a code opens a door, without a database. */
class CodeRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-26T15:00:00Z");
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @ParameterizedTest(name = "{0} used {2} min ago, {1}, expires in {3} min -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // kind  | status     | used min ago | expires in min | verdict
            "DEPOSIT | ARRIVING   | -            | -              | OPENS",
            "DEPOSIT | ARRIVING   | -            | 5              | OPENS",
            "DEPOSIT | ARRIVING   | -            | 0              | NOTHING",
            "DEPOSIT | ARRIVING   | -            | -5             | NOTHING",
            "DEPOSIT | IN_STORAGE | -            | -              | NOTHING",
            "DEPOSIT | CANCELLED  | -            | -              | NOTHING",
            "DEPOSIT | IN_STORAGE | 0            | -              | OPENS_AGAIN",
            "DEPOSIT | IN_STORAGE | 9            | -5             | OPENS_AGAIN",
            "DEPOSIT | IN_STORAGE | 10           | -              | NOTHING",
            "DEPOSIT | IN_STORAGE | 11           | -              | NOTHING",
            "DEPOSIT | DELIVERED  | 1            | -              | NOTHING",
            "DEPOSIT | EXPIRED    | 1            | -              | NOTHING",
            "PICKUP  | ARRIVING   | -            | -              | NOTHING",
            "PICKUP  | IN_STORAGE | -            | -              | OPENS",
            "PICKUP  | IN_STORAGE | -            | -1             | NOTHING",
            "PICKUP  | DELIVERED  | -            | -              | NOTHING",
            "PICKUP  | DELIVERED  | 3            | -              | OPENS_AGAIN",
            "PICKUP  | DELIVERED  | 10           | -              | NOTHING",
            "PICKUP  | IN_STORAGE | 3            | -              | NOTHING",
            "BACKUP  | ARRIVING   | -            | -              | NOTHING",
            "BACKUP  | IN_STORAGE | -            | -              | OPENS",
            "BACKUP  | IN_STORAGE | -            | -60            | OPENS",
            "BACKUP  | IN_STORAGE | 2            | -              | OPENS_AGAIN",
            "BACKUP  | IN_STORAGE | 12           | -              | NOTHING",
            "BACKUP  | DELIVERED  | 2            | -              | NOTHING",
    })
    void a_code_opens_a_door_only_in_the_state_and_time_its_kind_allows(CodeKind kind, ReservationStatus status,
            Integer usedMinutesAgo, Integer expiresInMinutes, CodeVerdict verdict) {
        Instant usedAt = usedMinutesAgo == null ? null : NOW.minus(Duration.ofMinutes(usedMinutesAgo));
        Instant expiresAt = expiresInMinutes == null ? null : NOW.plus(Duration.ofMinutes(expiresInMinutes));

        assertEquals(verdict, CodeRules.judge(kind, usedAt, status, expiresAt, NOW, TEN_MINUTES));
    }

    @ParameterizedTest(name = "{0} used {1} s ago with no grace -> NOTHING")
    @CsvSource({"DEPOSIT, 0", "DEPOSIT, 1", "PICKUP, 0", "PICKUP, 5", "BACKUP, 0"})
    void with_grace_zero_a_used_code_never_opens_again(CodeKind kind, int usedSecondsAgo) {
        Instant usedAt = NOW.minusSeconds(usedSecondsAgo);

        assertEquals(CodeVerdict.NOTHING, CodeRules.judge(kind, usedAt, kind.statusAfterUse(), null, NOW, Duration.ZERO));
    }

    @ParameterizedTest(name = "{0}: door {1}, another parcel since: {2} -> opens again: {3}")
    @CsvSource(delimiter = '|', value = {
            // kind  | door now       | other parcel since | opens again
            "DEPOSIT | OCCUPIED       | false              | true",
            "DEPOSIT | OCCUPIED       | true               | false",
            "DEPOSIT | FREE           | false              | false",
            "DEPOSIT | OUT_OF_SERVICE | false              | false",
            "PICKUP  | FREE           | false              | true",
            "PICKUP  | FREE           | true               | false",
            "PICKUP  | OCCUPIED       | false              | false",
            "PICKUP  | OCCUPIED       | true               | false",
            "PICKUP  | OUT_OF_SERVICE | false              | false",
            "BACKUP  | OCCUPIED       | false              | true",
            "BACKUP  | OCCUPIED       | true               | false",
            "BACKUP  | FREE           | false              | false",
    })
    void a_used_code_reopens_only_a_door_still_as_its_use_left_it(CodeKind kind, DoorState door, boolean otherParcel,
                                                                 boolean opensAgain) {
        assertEquals(opensAgain, CodeRules.doorAsTheUseLeftIt(kind, new DoorSinceUse(door, otherParcel)));
    }

    @ParameterizedTest(name = "{0}/{1}/{2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "1234567890   | 2345678901   | 345678901234 | -",
            "123456789    | 2345678901   | 3456789012   | invalid_field",
            "12345678     | 2345678901   | 3456789012   | invalid_field",
            "1234567890123| 2345678901   | 3456789012   | invalid_field",
            "1234567890   | 123456789a   | 3456789012   | invalid_field",
            "1234567890   | 1234567890   | 3456789012   | invalid_field",
            "1234567890   | 2345678901   | 1234567890   | invalid_field",
            "1234567890   | 2345678901   | -            | missing_field",
    })
    void new_codes_are_ten_to_twelve_digits_and_all_different(String deposit, String pickup, String backup,
                                                                 String error) {
        Map<CodeKind, String> codes = new EnumMap<>(CodeKind.class);
        codes.put(CodeKind.DEPOSIT, deposit);
        codes.put(CodeKind.PICKUP, pickup);
        codes.put(CodeKind.BACKUP, backup);
        if (error == null) {
            CodePolicy.check(codes);
            return;
        }
        io.cacifo.kit.http.ApiException refused = assertThrows(io.cacifo.kit.http.ApiException.class,
                () -> CodePolicy.check(codes));
        assertEquals(error, refused.error());
        assertEquals(400, refused.status());
    }
}
