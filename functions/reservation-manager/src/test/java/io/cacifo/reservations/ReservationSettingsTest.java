package io.cacifo.reservations;

import io.cacifo.kit.config.Config;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReservationSettingsTest {
    @Test
    void a_used_code_re_opens_its_door_for_ten_minutes_unless_set_and_zero_turns_that_off() {
        assertEquals(Duration.ofMinutes(10), ReservationSettings.codeGrace(Config.of(Map.of())), "the default grace is ten minutes");
        assertEquals(Duration.ZERO, ReservationSettings.codeGrace(Config.of(Map.of("code_grace_seconds", "0"))));
    }

    @Test
    void a_negative_grace_fails_naming_the_setting() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> ReservationSettings.codeGrace(Config.of(Map.of("code_grace_seconds", "-1"))));

        assertTrue(failure.getMessage().contains("code_grace_seconds"), failure.getMessage());
    }
}
