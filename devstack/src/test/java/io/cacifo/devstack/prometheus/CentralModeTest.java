package io.cacifo.devstack.prometheus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CentralModeTest {
    @ParameterizedTest(name = "DEVSTACK_CENTRAL=''{0}'' is {1}")
    @CsvSource({"'', FEDERATE", "'  ', FEDERATE", "federate, FEDERATE", "remote-write, REMOTE_WRITE",
            "Victoria-Metrics, VICTORIA_METRICS", "' remote-write ', REMOTE_WRITE"})
    void the_variable_picks_the_mode_federation_by_default(String value, CentralMode expected) {
        assertEquals(expected, CentralMode.from(Map.of(CentralMode.VARIABLE, value)));
    }

    @Test
    void an_unset_variable_means_federation() {
        assertEquals(CentralMode.FEDERATE, CentralMode.from(Map.of()));
    }

    @Test
    void an_unknown_mode_is_refused_naming_the_variable_and_the_choices() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CentralMode.from(Map.of(CentralMode.VARIABLE, "remote_write")));

        assertTrue(error.getMessage().contains("DEVSTACK_CENTRAL"), error.getMessage());
        assertTrue(error.getMessage().contains("victoria-metrics"), error.getMessage());
    }

    @Test
    void only_federation_is_scraped_the_other_modes_push() {
        assertEquals(false, CentralMode.FEDERATE.pushes());
        assertTrue(CentralMode.REMOTE_WRITE.pushes());
        assertTrue(CentralMode.VICTORIA_METRICS.pushes());
    }
}
