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
            "DEPOSIT | ARRIVING   | -            | 0              | DEPOSIT_EXPIRED",
            "DEPOSIT | ARRIVING   | -            | -5             | DEPOSIT_EXPIRED",
            "DEPOSIT | EXPIRED    | -            | -5             | NOTHING",
            "DEPOSIT | IN_STORAGE | -            | -              | NOTHING",
            "DEPOSIT | CANCELLED  | -            | -              | NOTHING",
            "DEPOSIT | IN_STORAGE | 0            | -              | OPENS_AGAIN",
            "DEPOSIT | IN_STORAGE | 9            | -5             | OPENS_AGAIN",
            "DEPOSIT | IN_STORAGE | 10           | -              | NOTHING",
            "DEPOSIT | IN_STORAGE | 11           | -              | NOTHING",
            "DEPOSIT | DELIVERED  | 1            | -              | NOTHING",
            "DEPOSIT | EXPIRED    | 1            | -              | NOTHING",
            "PICKUP  | ARRIVING   | -            | -              | NOT_ARRIVED",
            "PICKUP  | ARRIVING   | -            | -5             | NOT_ARRIVED",
            "PICKUP  | IN_STORAGE | -            | -              | OPENS",
            "PICKUP  | IN_STORAGE | -            | 1              | OPENS",
            "PICKUP  | IN_STORAGE | -            | 0              | PICKUP_EXPIRED",
            "PICKUP  | IN_STORAGE | -            | -1             | PICKUP_EXPIRED",
            "PICKUP  | EXPIRED    | -            | -1             | PICKUP_EXPIRED",
            "PICKUP  | EXPIRED    | -            | 60             | PICKUP_EXPIRED",
            "PICKUP  | RETURNED   | -            | -1             | PICKUP_EXPIRED",
            "PICKUP  | CANCELLED  | -            | -              | NOTHING",
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
            "BACKUP  | EXPIRED    | -            | -60            | OPENS",
            "BACKUP  | RETURNED   | -            | -60            | NOTHING",
            "BACKUP  | CANCELLED  | -            | -              | NOTHING",
            "BACKUP  | RETURNED   | 2            | -60            | OPENS_AGAIN",
            "BACKUP  | RETURNED   | 12           | -60            | NOTHING",
            "BACKUP  | EXPIRED    | 2            | -60            | NOTHING",
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

        assertEquals(CodeVerdict.NOTHING, CodeRules.judge(kind, usedAt, kind.statusAfterUse(ReservationStatus.IN_STORAGE, false), null, NOW, Duration.ZERO));
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
        assertEquals(opensAgain, CodeRules.doorAsTheUseLeftIt(kind, kind.statusAfterUse(ReservationStatus.IN_STORAGE, false), new DoorSinceUse(door, otherParcel)));
    }

    @ParameterizedTest(name = "a back-up code that left the parcel {0}: door {1}, another parcel since: {2} -> opens again: {3}")
    @CsvSource(delimiter = '|', value = {
            // status  | door now | other parcel since | opens again
            "IN_STORAGE | OCCUPIED | false              | true",
            "IN_STORAGE | FREE     | false              | false",
            "RETURNED   | FREE     | false              | true",
            "RETURNED   | FREE     | true               | false",
            "RETURNED   | OCCUPIED | false              | false",
    })
    void a_used_back_up_code_reopens_the_door_as_its_use_left_it(ReservationStatus status, DoorState door,
                                                                boolean otherParcel, boolean opensAgain) {
        assertEquals(opensAgain, CodeRules.doorAsTheUseLeftIt(CodeKind.BACKUP, status, new DoorSinceUse(door, otherParcel)));
    }

    @ParameterizedTest(name = "{0} from {1}, past the deadline: {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "DEPOSIT | ARRIVING   | false | IN_STORAGE",
            "PICKUP  | IN_STORAGE | false | DELIVERED",
            "PICKUP  | EXPIRED    | false | DELIVERED",
            "BACKUP  | IN_STORAGE | false | IN_STORAGE",
            "BACKUP  | IN_STORAGE | true  | RETURNED",
            "BACKUP  | EXPIRED    | true  | RETURNED",
    })
    void a_back_up_code_returns_a_parcel_only_past_its_deadline(CodeKind kind, ReservationStatus before,
                                                                 boolean pastDeadline, ReservationStatus after) {
        assertEquals(after, kind.statusAfterUse(before, pastDeadline));
    }

    @ParameterizedTest(name = "{0}, expires in {1} min, door opened then -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "EXPIRED    | 5  | IN_STORAGE",
            "EXPIRED    | -5 | EXPIRED",
            "EXPIRED    | -  | EXPIRED",
            "IN_STORAGE | -5 | IN_STORAGE",
            "DELIVERED  | 5  | DELIVERED",
    })
    void a_parcel_expired_since_the_door_opened_was_stored_then(ReservationStatus now, Integer expiresInMinutes,
                                                               ReservationStatus then) {
        Instant expiresAt = expiresInMinutes == null ? null : NOW.plus(Duration.ofMinutes(expiresInMinutes));

        assertEquals(then, CodeRules.statusAt(now, expiresAt, NOW));
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
