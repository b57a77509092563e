package io.cacifo.screen;

import io.cacifo.kit.config.Config;
import io.cacifo.kit.http.ApiException;

import java.util.Set;

/**
 * The screens this locker has ({@link ScreenSettings#SCREEN_IDS}, comma-separated, default
 * {@code main}: the touchscreen; the devstack adds {@code simulator}, the simulator page's
 * keypad). Wrong codes are counted per screen, so a screen id a caller may invent would be a fresh
 * count on demand; only these ids are served, and every extra screen multiplies a guesser's rate.
 */
final class ScreenIds {
    private final Set<String> ids;

    private ScreenIds(Set<String> ids) {
        this.ids = Set.copyOf(ids);
    }

    /** Throws {@link IllegalStateException} at start for an empty list or an id of the wrong form. */
    static ScreenIds from(Config config) {
        return of(config.get(ScreenSettings.SCREEN_IDS));
    }

    static ScreenIds of(String list) {
        return new ScreenIds(NameList.parse(ScreenSettings.SCREEN_IDS, list, CodeEntry.SCREEN_ID,
                "a screen id (1-64 of A-Za-z0-9._-)"));
    }

    /** {@code screenId} when it is one of this locker's screens; anything else is 400 invalid_field. */
    String require(String screenId) {
        if (!ids.contains(screenId)) {
            throw ApiException.badRequest("invalid_field", "'screen_id' is not a screen of this locker");
        }
        return screenId;
    }

    Set<String> ids() {
        return ids;
    }
}
