package io.cacifo.doorio;

import io.cacifo.kit.config.Config;

import java.net.URI;
import java.time.Duration;

/**
 * door-io's own settings, with their defaults here because the kit does not know them:
 * <ul>
 *   <li>{@code lock_board_url} (http://127.0.0.1:8070, the simulator run locally): the board's base URL.</li>
 *   <li>{@code door_close_timeout_ms} (45000): the longest a close call waits for a person to close a door.</li>
 *   <li>{@code board_timeout_ms} (3000): how long open and status wait for the board.</li>
 * </ul>
 * A value that does not parse fails start-up with a message naming the setting.
 */
public final class DoorIoSettings {
    /**
     * How much longer than its own wait a wait-closed call may take before we give up on the board:
     * door-io's 45 s + 3 s stays below exec_timeout (55 s) and the controller's wait (45 s + 8 s).
     */
    public static final Duration WAIT_MARGIN = Duration.ofSeconds(3);

    private final URI boardUrl;
    private final Duration closeTimeout;
    private final Duration boardTimeout;

    private DoorIoSettings(URI boardUrl, Duration closeTimeout, Duration boardTimeout) {
        this.boardUrl = boardUrl;
        this.closeTimeout = closeTimeout;
        this.boardTimeout = boardTimeout;
    }

    public static DoorIoSettings from(Config config) {
        String raw = config.find("lock_board_url").orElse("http://127.0.0.1:8070").strip();
        URI url;
        try {
            url = URI.create(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("setting 'lock_board_url' is not a URL: '" + raw + "'", e);
        }
        if ((!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalStateException("setting 'lock_board_url' must be an http(s) URL with a host, got '" + raw + "'");
        }
        return new DoorIoSettings(url, millis(config, "door_close_timeout_ms", 45_000),
                millis(config, "board_timeout_ms", 3_000));
    }

    private static Duration millis(Config config, String key, long fallback) {
        String raw = config.find(key).orElse(Long.toString(fallback)).strip();
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("setting '" + key + "' must be a whole number of milliseconds, got '" + raw + "'", e);
        }
        if (value <= 0) {
            throw new IllegalStateException("setting '" + key + "' must be above 0, got " + value);
        }
        return Duration.ofMillis(value);
    }

    public URI boardUrl() {
        return boardUrl;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    public Duration boardTimeout() {
        return boardTimeout;
    }
}
