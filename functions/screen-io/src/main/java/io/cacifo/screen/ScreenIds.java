package io.cacifo.screen;

import io.cacifo.kit.config.Config;
import io.cacifo.kit.http.ApiException;

import java.util.LinkedHashSet;
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
        Set<String> ids = new LinkedHashSet<>();
        for (String id : list.split(",")) {
            String trimmed = id.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!CodeEntry.SCREEN_ID.matcher(trimmed).matches()) {
                throw new IllegalStateException("setting '" + ScreenSettings.SCREEN_IDS.key() + "' holds '" + trimmed
                        + "', which is not a screen id (1-64 of A-Za-z0-9._-)");
            }
            ids.add(trimmed);
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("setting '" + ScreenSettings.SCREEN_IDS.key() + "' names no screen");
        }
        return new ScreenIds(ids);
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
