package io.cacifo.doors;

import io.cacifo.kit.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DoorCloseTimeoutTest {

    @Test
    void an_unset_timeout_is_45_seconds() {
        assertEquals(Duration.ofSeconds(45), DoorCloseTimeout.from(Config.of(Map.of())));
    }

    @Test
    void a_blank_timeout_counts_as_unset() {
        assertEquals(Duration.ofSeconds(45), DoorCloseTimeout.from(Config.of(Map.of(DoorCloseTimeout.KEY, " "))));
    }

    @Test
    void a_set_timeout_is_read_in_milliseconds() {
        assertEquals(Duration.ofMillis(30_500), DoorCloseTimeout.from(Config.of(Map.of(DoorCloseTimeout.KEY, "30500"))));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"45s", "abc", "0", "-5", "1.5"})
    void a_timeout_that_is_not_a_positive_number_of_milliseconds_fails_loudly(String value) {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> DoorCloseTimeout.from(Config.of(Map.of(DoorCloseTimeout.KEY, value))));

        assertTrue(failure.getMessage().contains(DoorCloseTimeout.KEY), failure.getMessage());
    }
}
