package io.cacifo.simulator;

import io.cacifo.kit.config.Config;
import io.cacifo.kit.config.Secrets;
import io.cacifo.simulator.board.DoorLayout;

import java.net.URI;
import java.time.Duration;

/**
 * What the simulator is told, read once at start. Every setting, its default and its meaning is in
 * door-simulator/README.md; a value that does not parse fails the start with a message naming it.
 */
public final class SimulatorSettings {
    /** An hour; a longer auto-close is a typo, not a benchmark. */
    public static final int MAX_AUTO_CLOSE_MS = 3_600_000;

    private final int port;
    private final String bind;
    private final DoorLayout layout;
    private final long autoCloseMs;
    private final URI gatewayUrl;
    private final Duration gatewayTimeout;
    private final long maxSkewSeconds;
    private final Duration secretsReload;
    private final Secrets secrets;

    private SimulatorSettings(int port, String bind, DoorLayout layout, long autoCloseMs, URI gatewayUrl,
                              Duration gatewayTimeout, long maxSkewSeconds, Duration secretsReload, Secrets secrets) {
        this.port = port;
        this.bind = bind;
        this.layout = layout;
        this.autoCloseMs = autoCloseMs;
        this.gatewayUrl = gatewayUrl;
        this.gatewayTimeout = gatewayTimeout;
        this.maxSkewSeconds = maxSkewSeconds;
        this.secretsReload = secretsReload;
        this.secrets = secrets;
    }

    public static SimulatorSettings from(Config config) {
        int port = (int) number(config, "SIM_PORT", "8070", 0, 65535);
        String bind = config.find("SIM_BIND").orElse("127.0.0.1").strip();
        DoorLayout layout;
        try {
            layout = DoorLayout.parse(config.find("SIM_DOORS").orElse(DoorLayout.DEFAULT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("setting 'SIM_DOORS': " + e.getMessage(), e);
        }
        long autoCloseMs = number(config, "SIM_AUTO_CLOSE_MS", "0", 0, MAX_AUTO_CLOSE_MS);
        URI gateway;
        try {
            gateway = URI.create(config.get("gateway_url"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("setting 'gateway_url' is not a URL", e);
        }
        if (!"http".equals(gateway.getScheme()) && !"https".equals(gateway.getScheme())) {
            throw new IllegalStateException("setting 'gateway_url' must be an http or https URL");
        }
        Duration timeout = Duration.ofMillis(config.getInt("gateway_timeout_ms"));
        return new SimulatorSettings(port, bind, layout, autoCloseMs, gateway, timeout,
                config.getInt("signature_max_skew_seconds"), Duration.ofMillis(config.getInt("secrets_reload_ms", 1)),
                Secrets.from(config));
    }

    private static long number(Config config, String key, String fallback, long min, long max) {
        String raw = config.find(key).orElse(fallback).strip();
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("setting '" + key + "' must be a whole number, got '" + raw + "'", e);
        }
        if (value < min || value > max) {
            throw new IllegalStateException("setting '" + key + "' must be from " + min + " to " + max + ", got " + value);
        }
        return value;
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
