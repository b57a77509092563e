package io.cacifo.controller;

import io.cacifo.kit.config.Config;

import java.net.URI;
import java.time.Duration;

/**
 * The controller's own settings, with their defaults here because the kit does not know them:
 * <ul>
 *   <li>{@code locker_id}: this locker's name at the back-end; required for sending events.</li>
 *   <li>{@code backend_url}: the back-end's base URL; events go to {@code <backend_url>/events}. Required for sending events.</li>
 *   <li>{@code door_close_timeout_ms} (45000): how long door-io is asked to wait for a door to be closed.</li>
 *   <li>{@code outbox_interval_ms} (5000): the pause between background rounds (reconcile the door journal,
 *       then flush the outbox; the first round runs at start-up); 0 turns them off.</li>
 *   <li>{@code backend_timeout_ms} (10000): how long one POST to the back-end may take.</li>
 *   <li>{@code disable_retry_delay_ms} (1000): the first pause before retrying a failed disable (then 3 times that).</li>
 * </ul>
 * The numbers are read at start and a bad one fails start-up; {@code locker_id} and {@code backend_url}
 * are checked when the outbox is first sent, so a mistake there stops events, never doors.
 */
final class ControllerSettings {
    /** How much longer than door-io's wait the controller waits for door-io's answer (door-io itself adds 3 s). */
    static final Duration CLOSE_CALL_MARGIN = Duration.ofSeconds(8);

    private final Config config;
    final Duration doorCloseTimeout;
    final Duration outboxInterval;
    final Duration backendTimeout;
    final Duration disableRetryDelay;

    ControllerSettings(Config config) {
        this.config = config;
        this.doorCloseTimeout = millis(config, "door_close_timeout_ms", 45_000, 1);
        this.outboxInterval = millis(config, "outbox_interval_ms", 5_000, 0);
        this.backendTimeout = millis(config, "backend_timeout_ms", 10_000, 1);
        this.disableRetryDelay = millis(config, "disable_retry_delay_ms", 1_000, 0);
    }

    /** Throws {@link IllegalStateException} when {@code locker_id} is unset. */
    String lockerId() {
        return config.find("locker_id").map(String::strip)
                .orElseThrow(() -> new IllegalStateException("setting 'locker_id' is not set"));
    }

    /** Throws {@link IllegalStateException} when {@code backend_url} is unset or not an http(s) URL. */
    URI eventsUrl() {
        String raw = config.find("backend_url").map(String::strip)
                .orElseThrow(() -> new IllegalStateException("setting 'backend_url' is not set"));
        URI base;
        try {
            base = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("setting 'backend_url' is not a URL: '" + raw + "'", e);
        }
        if ((!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) || base.getHost() == null) {
            throw new IllegalStateException("setting 'backend_url' must be an http(s) URL with a host, got '" + raw + "'");
        }
        return URI.create(base + "/events");
    }

    private static Duration millis(Config config, String key, long fallback, long min) {
        String raw = config.find(key).orElse(Long.toString(fallback)).strip();
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("setting '" + key + "' must be a whole number of milliseconds, got '" + raw + "'", e);
        }
        if (value < min) {
            throw new IllegalStateException("setting '" + key + "' must be at least " + min + ", got " + value);
        }
        return Duration.ofMillis(value);
    }
}
