package io.cacifo.screen;

import io.cacifo.kit.config.Config;
import io.cacifo.kit.http.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixed set of screens that keeps the wrong-code throttle from being reset by inventing screen ids. */
class ScreenIdsTest {
    @Test
    void by_default_the_locker_has_its_touchscreen_only() {
        ScreenIds screens = ScreenIds.from(Config.of(Map.of()));

        assertEquals(Set.of("main"), screens.ids());
        assertThrows(ApiException.class, () -> screens.require("simulator"), "the simulator's keypad is the devstack's");
    }

    @Test
    void the_setting_is_a_comma_separated_list_with_spaces_allowed() {
        assertEquals(Set.of("main", "lobby-2"), ScreenIds.of(" main , lobby-2 ,").ids());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " , ", "main,lobby screen", "main,x'--"})
    void a_setting_that_names_no_screen_or_a_malformed_one_fails_at_start(String setting) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ScreenIds.of(setting));

        assertTrue(refused.getMessage().contains("screen_ids"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Main", "main2", "simulator.", "lobby"})
    void any_other_screen_id_is_a_400(String screenId) {
        ApiException refused = assertThrows(ApiException.class, () -> ScreenIds.of("main,simulator").require(screenId));

        assertEquals(400, refused.status());
        assertEquals("invalid_field", refused.error());
    }
}
