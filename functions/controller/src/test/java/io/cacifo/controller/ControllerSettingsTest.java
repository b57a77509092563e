package io.cacifo.controller;

import io.cacifo.kit.config.Config;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the controller may send events: over https, or in plain http only to the Pi itself. */
class ControllerSettingsTest {
    private static ControllerSettings with(String backendUrl) {
        return new ControllerSettings(Config.of(Map.of("backend_url", backendUrl)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://backend.example.org/api/lockers,  https://backend.example.org/api/lockers/events",
            "https://192.168.1.10:8443/,               https://192.168.1.10:8443/events",
            "http://127.0.0.1:18090,                   http://127.0.0.1:18090/events",
            "http://127.20.30.40/in,                   http://127.20.30.40/in/events",
            "http://localhost:8080/,                   http://localhost:8080/events",
            "http://LocalHost,                         http://LocalHost/events",
            "'http://[::1]:9000',                      'http://[::1]:9000/events'",
    })
    void events_go_over_https_or_in_plain_http_to_a_loopback_address(String backendUrl, String eventsUrl) {
        assertEquals(URI.create(eventsUrl), with(backendUrl).eventsUrl());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://backend.example.org/api/lockers", "http://192.168.1.10:8080", "http://10.0.0.1",
        "http://127.0.0.1.example.org", "http://localhost.example.org", "http://localhost.",
        "http://0.0.0.0:8080", "http://128.0.0.1", "http://[::2]", "http://[::ffff:10.0.0.1]"})
    void plain_http_to_any_other_host_is_refused_naming_the_setting(String backendUrl) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> with(backendUrl).eventsUrl());

        assertTrue(refused.getMessage().contains("'backend_url'") && refused.getMessage().contains("https"),
                refused.getMessage());
    }
}
