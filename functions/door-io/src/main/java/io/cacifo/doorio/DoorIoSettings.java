package io.cacifo.doorio;

import io.cacifo.kit.config.Config;
import io.cacifo.kit.config.KitSettings;
import io.cacifo.kit.config.Reads;
import io.cacifo.kit.config.Setting;
import io.cacifo.kit.config.Timeouts;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * door-io's own settings and everything door-io reads ({@link #READS}). The numbers and the URL are
 * read at start; a value that does not parse fails start-up with a message naming the setting.
 */
public final class DoorIoSettings {
    /** The board's base URL; the default is the simulator run locally. */
    public static final Setting LOCK_BOARD_URL = Setting.of("lock_board_url", "http://127.0.0.1:8070");
    /** How long open and status wait for the board. */
    public static final Setting BOARD_TIMEOUT = Setting.of("board_timeout_ms", "3000");
    /** The key door-io signs board calls with; only door-io mounts it (stack.yaml), so the board obeys no other function. */
    public static final String LOCK_BOARD_KEY = "lock-board-key";

    /** Everything door-io reads: the longest close wait is the kit's {@code door_close_timeout_ms}. */
    public static final Reads READS = Reads.EVERY_FUNCTION.and(Reads.VERIFIER,
            Reads.of(List.of(KitSettings.DOOR_CLOSE_TIMEOUT, LOCK_BOARD_URL, BOARD_TIMEOUT), List.of(LOCK_BOARD_KEY)));

    private final URI boardUrl;
    private final Duration closeTimeout;
    private final Duration boardTimeout;

    private DoorIoSettings(Config config) {
        this.boardUrl = config.url(LOCK_BOARD_URL);
        this.closeTimeout = Timeouts.doorClose(config);
        this.boardTimeout = config.millis(BOARD_TIMEOUT, 1);
    }

    public static DoorIoSettings from(Config config) {
        return new DoorIoSettings(config);
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
