package io.cacifo.controller;

import io.cacifo.kit.config.Config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The controller's own settings, with their defaults here because the kit does not know them:
 * <ul>
 *   <li>{@code locker_id}: this locker's name at the back-end; required for sending events.</li>
 *   <li>{@code backend_url}: the back-end's base URL; events go to {@code <backend_url>/events}. Required for
 *       sending events. It must be https, unless its host is this machine (127.0.0.0/8, ::1, localhost),
 *       where nothing crosses a network.</li>
 *   <li>{@code door_close_timeout_ms} (45000): how long door-io is asked to wait for a door to be closed.</li>
 *   <li>{@code outbox_interval_ms} (5000): the pause between background rounds (reconcile the door journal,
 *       then flush the outbox; the first round runs at start-up); 0 turns them off.</li>
 *   <li>{@code backend_timeout_ms} (10000): how long one POST to the back-end may take.</li>
 *   <li>{@code disable_retry_delay_ms} (1000): the first pause before the follow-up retries a failed {@code complete} (then 3 times that); named for the call it once was.</li>
 * </ul>
 * The numbers are read at start and a bad one fails start-up; {@code locker_id} and {@code backend_url}
 * are checked when the outbox is first sent, so a mistake there stops events, never doors.
 */
final class ControllerSettings {
    /**
     * A dotted-quad IPv4 literal in 127.0.0.0/8. Numbers above 255 need no check here: {@link URI}
     * gives such an authority no host at all, which is refused before.
     */
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");

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

    /**
     * Throws {@link IllegalStateException} when {@code backend_url} is unset, not an http(s) URL, or
     * plain http to a host that is not loopback: events and the back-end's answers would cross the
     * network unencrypted, and the answer decides which events the locker forgets.
     */
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
        if ("http".equals(base.getScheme()) && !isLoopback(base.getHost())) {
            // Scheme and host only: a URL may carry a password in its user part.
            throw new IllegalStateException("setting 'backend_url' must be https unless its host is loopback"
                    + " (127.0.0.0/8, ::1, localhost), got http://" + base.getHost());
        }
        return URI.create(base + "/events");
    }

    /**
     * Whether {@code host} (as {@link URI#getHost} gives it) names this machine without a DNS lookup:
     * {@code localhost}, an IPv4 literal in 127.0.0.0/8, or the IPv6 literal {@code [::1]}. A name
     * such as {@code 127.0.0.1.example.org} is not loopback, whatever it resolves to.
     */
    private static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        if (LOOPBACK_V4.matcher(host).matches()) {
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            try {
                // A bracketed host is parsed as an IPv6 literal, never looked up.
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException notALiteral) {
                return false;
            }
        }
        return false;
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
