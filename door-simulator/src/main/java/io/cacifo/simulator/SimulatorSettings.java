package io.cacifo.simulator;

import io.cacifo.kit.config.Config;
import io.cacifo.kit.config.KitSettings;
import io.cacifo.kit.config.Secrets;
import io.cacifo.kit.config.Setting;
import io.cacifo.simulator.board.DoorLayout;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the simulator is told, read once at start: its own settings (declared here) and the kit's
 * gateway, signature and secrets settings. Each one's meaning is in door-simulator/README.md; a value
 * that does not parse fails the start with a message naming it.
 */
public final class SimulatorSettings {
    /** An hour; a longer auto-close is a typo, not a benchmark. */
    public static final int MAX_AUTO_CLOSE_MS = 3_600_000;
    public static final Setting PORT = Setting.of("SIM_PORT", "8070");
    public static final Setting BIND = Setting.of("SIM_BIND", "127.0.0.1");
    public static final Setting DOORS = Setting.of("SIM_DOORS", DoorLayout.DEFAULT);
    public static final Setting AUTO_CLOSE = Setting.of("SIM_AUTO_CLOSE_MS", "0");
    /** Doors whose lock is jammed from the start, e.g. {@code "4,7"}: the demo shows a jammed door without a click. */
    public static final Setting JAMMED_DOORS = Setting.of("SIM_JAMMED_DOORS", "");

    private final int port;
    private final String bind;
    private final DoorLayout layout;
    private final long autoCloseMs;
    private final Set<Integer> jammedDoors;
    private final URI gatewayUrl;
    private final Duration gatewayTimeout;
    private final long maxSkewSeconds;
    private final Duration secretsReload;
    private final Secrets secrets;

    private SimulatorSettings(int port, String bind, DoorLayout layout, long autoCloseMs, Set<Integer> jammedDoors,
                              URI gatewayUrl, Duration gatewayTimeout, long maxSkewSeconds, Duration secretsReload,
                              Secrets secrets) {
        this.port = port;
        this.bind = bind;
        this.layout = layout;
        this.autoCloseMs = autoCloseMs;
        this.jammedDoors = jammedDoors;
        this.gatewayUrl = gatewayUrl;
        this.gatewayTimeout = gatewayTimeout;
        this.maxSkewSeconds = maxSkewSeconds;
        this.secretsReload = secretsReload;
        this.secrets = secrets;
    }

    public static SimulatorSettings from(Config config) {
        DoorLayout layout;
        try {
            layout = DoorLayout.parse(config.get(DOORS));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("setting '" + DOORS.key() + "': " + e.getMessage(), e);
        }
        return new SimulatorSettings(config.getInt(PORT, 0, 65535), config.get(BIND), layout,
                config.getInt(AUTO_CLOSE, 0, MAX_AUTO_CLOSE_MS), jammedDoors(config.get(JAMMED_DOORS), layout),
                config.url(KitSettings.GATEWAY_URL),
                config.millis(KitSettings.GATEWAY_TIMEOUT, 1), config.getInt(KitSettings.SIGNATURE_MAX_SKEW, 1),
                config.millis(KitSettings.SECRETS_RELOAD, 1), Secrets.from(config));
    }

    /** Door numbers, comma-separated, each on the layout; blank is none. */
    private static Set<Integer> jammedDoors(String text, DoorLayout layout) {
        Set<Integer> doors = new LinkedHashSet<>();
        if (text.isBlank()) {
            return doors;
        }
        for (String entry : text.split(",", -1)) {
            String number = entry.strip();
            if (!number.matches("[1-9][0-9]{0,3}") || !layout.sizes().containsKey(Integer.parseInt(number))) {
                throw new IllegalStateException("setting '" + JAMMED_DOORS.key() + "': '" + number
                        + "' is not a door of the board (" + DOORS.key() + ")");
            }
            doors.add(Integer.parseInt(number));
        }
        return doors;
    }

    /** The port to listen on; 0 takes any free one ({@link DoorSimulator#port()} tells which). */
    public int port() {
        return port;
    }

    public String bind() {
        return bind;
    }

    public DoorLayout layout() {
        return layout;
    }

    /** 0: doors stay open until someone closes them; otherwise an opened door closes itself after this long. */
    public long autoCloseMs() {
        return autoCloseMs;
    }

    /** Doors jammed from the start ({@code SIM_JAMMED_DOORS}); the page or the API frees them. */
    public Set<Integer> jammedDoors() {
        return jammedDoors;
    }

    public URI gatewayUrl() {
        return gatewayUrl;
    }

    /** How long a call through the gateway may take: {@code gateway_timeout_ms}, the kit's setting. */
    public Duration gatewayTimeout() {
        return gatewayTimeout;
    }

    /** How far a board call's signature timestamp may be from our clock: {@code signature_max_skew_seconds}, the kit's setting. */
    public long maxSkewSeconds() {
        return maxSkewSeconds;
    }

    /** How often the internal key is read again ({@code secrets_reload_ms}, the kit's setting), as a rotation replaces it. */
    public Duration secretsReload() {
        return secretsReload;
    }

    public Secrets secrets() {
        return secrets;
    }
}
