package io.cacifo.simulator;

import io.cacifo.kit.config.Config;
import io.cacifo.simulator.board.DoorSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings are read once at start; a bad one stops the start with a message that names it. */
class SettingsTest {

    @Test
    void with_nothing_set_the_simulator_has_twelve_doors_on_8070_without_auto_close() {
        SimulatorSettings settings = SimulatorSettings.from(Config.of(Map.of()));

        assertEquals(8070, settings.port());
        assertEquals("127.0.0.1", settings.bind());
        assertEquals(0, settings.autoCloseMs());
        assertEquals("http://127.0.0.1:8080", settings.gatewayUrl().toString());
        Map<Integer, DoorSize> expected = new LinkedHashMap<>();
        for (int door = 1; door <= 12; door++) {
            expected.put(door, door <= 4 ? DoorSize.SMALL : door <= 8 ? DoorSize.MEDIUM
                    : door <= 10 ? DoorSize.LARGE : DoorSize.EXTRA_LARGE);
        }
        assertEquals(expected, settings.layout().sizes());
    }

    @Test
    void a_layout_is_read_in_order_with_sizes_in_any_case() {
        SimulatorSettings settings = SimulatorSettings.from(Config.of(Map.of("SIM_DOORS", " 9:large, 2:Small ,9999:EXTRA_LARGE")));

        assertEquals(Map.of(9, DoorSize.LARGE, 2, DoorSize.SMALL, 9999, DoorSize.EXTRA_LARGE), settings.layout().sizes());
        assertEquals("[9, 2, 9999]", settings.layout().sizes().keySet().toString());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "SIM_DOORS         | 1",
            "SIM_DOORS         | 1:HUGE",
            "SIM_DOORS         | 0:SMALL",
            "SIM_DOORS         | 10000:SMALL",
            "SIM_DOORS         | a:SMALL",
            "SIM_DOORS         | 1:SMALL,1:MEDIUM",
            "SIM_DOORS         | '1:SMALL,,2:SMALL'",
            "SIM_DOORS         | 1:SMALL:2",
            "SIM_PORT          | http",
            "SIM_PORT          | 70000",
            "SIM_PORT          | -1",
            "SIM_AUTO_CLOSE_MS | -1",
            "SIM_AUTO_CLOSE_MS | 1.5",
            "SIM_AUTO_CLOSE_MS | 3600001",
            "gateway_url       | ftp://gateway",
            "gateway_url       | 'not a url'"})
    void a_bad_setting_stops_the_start_naming_the_setting(String key, String value) {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> SimulatorSettings.from(Config.of(Map.of(key, value))));

        assertTrue(failure.getMessage().contains(key), failure.getMessage());
    }
}
