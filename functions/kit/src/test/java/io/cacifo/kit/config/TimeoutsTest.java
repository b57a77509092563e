package io.cacifo.kit.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** door_close_timeout_ms, which door-io, the controller and door-manager read, and the margins built on it. */
class TimeoutsTest {
    private static final String KEY = KitSettings.DOOR_CLOSE_TIMEOUT.key();

    @Test
    void an_unset_door_close_timeout_is_45_seconds() {
        assertEquals(Duration.ofSeconds(45), Timeouts.doorClose(Config.of(Map.of())));
    }

    @Test
    void a_blank_door_close_timeout_counts_as_unset() {
        assertEquals(Duration.ofSeconds(45), Timeouts.doorClose(Config.of(Map.of(KEY, " "))));
    }

    @Test
    void a_set_door_close_timeout_is_read_in_milliseconds() {
        assertEquals(Duration.ofMillis(30_500), Timeouts.doorClose(Config.of(Map.of(KEY, "30500"))));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"45s", "abc", "0", "-5", "1.5"})
    void a_door_close_timeout_that_is_not_a_positive_number_of_milliseconds_fails_loudly(String value) {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Timeouts.doorClose(Config.of(Map.of(KEY, value))));

        assertTrue(failure.getMessage().contains(KEY), failure.getMessage());
    }

    @Test
    void the_controller_waits_for_door_io_longer_than_door_io_waits_for_the_board() {
        assertTrue(Timeouts.DOOR_IO_MARGIN.compareTo(Timeouts.BOARD_MARGIN) > 0,
                "controller margin " + Timeouts.DOOR_IO_MARGIN + " must exceed door-io's " + Timeouts.BOARD_MARGIN);
    }
}
