package io.cacifo.doors;

import io.cacifo.kit.config.Config;

import java.time.Duration;

/**
 * How long a door may stay open in one operation before it counts as an alarm: the setting
 * {@code door_close_timeout_ms} that door-io and the controller wait by (stack.yaml), 45 s when unset.
 */
public final class DoorCloseTimeout {
    public static final String KEY = "door_close_timeout_ms";
    public static final long DEFAULT_MS = 45_000;

    private DoorCloseTimeout() {
    }

    /** Throws {@link IllegalStateException} for a value that is not a positive whole number of milliseconds. */
    public static Duration from(Config config) {
        String raw = config.find(KEY).orElse(Long.toString(DEFAULT_MS)).trim();
        long millis;
        try {
            millis = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("setting '" + KEY + "' must be a whole number of milliseconds, got '" + raw + "'", e);
        }
        if (millis <= 0) {
            throw new IllegalStateException("setting '" + KEY + "' must be above 0, got " + millis);
        }
        return Duration.ofMillis(millis);
    }
}
