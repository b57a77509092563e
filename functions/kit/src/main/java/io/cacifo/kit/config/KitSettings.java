package io.cacifo.kit.config;

import java.util.List;

/**
 * Every setting the kit reads, with its default: the one place these defaults are written. A
 * function's own settings are declared in its settings class; {@link Reads} says which of these
 * each part of {@link io.cacifo.kit.Services} reads.
 */
public final class KitSettings {
    private KitSettings() {
    }

    /** The name the gateway routes to, set per function in stack.yaml; part of every signature. */
    public static final Setting FUNCTION_NAME = Setting.required("function_name");
    /** Where function-to-function calls go; faasd's hosts file resolves "gateway". */
    public static final Setting GATEWAY_URL = Setting.of("gateway_url", "http://127.0.0.1:8080");
    public static final Setting GATEWAY_TIMEOUT = Setting.of("gateway_timeout_ms", "5000");
    /** The directory faasd mounts secrets into, one file per secret. */
    public static final Setting SECRETS_DIR = Setting.of("secrets_dir", "/var/openfaas/secrets");
    public static final Setting DB_HOST = Setting.of("db_host", "127.0.0.1");
    public static final Setting DB_PORT = Setting.of("db_port", "3306");
    public static final Setting DB_NAME = Setting.of("db_name", "cacifo");
    public static final Setting DB_USER = Setting.of("db_user", "cacifo");
    /** Connections per JVM: seven functions share one MariaDB on a 1 GB Pi. */
    public static final Setting DB_POOL_SIZE = Setting.of("db_pool_size", "4");
    /** How long a call waits for a connection before the screen is told "temporarily unavailable". */
    public static final Setting DB_CONNECT_TIMEOUT = Setting.of("db_connect_timeout_ms", "3000");
    /** How far a signed request's timestamp may be from our clock, either way. */
    public static final Setting SIGNATURE_MAX_SKEW = Setting.of("signature_max_skew_seconds", "30");
    /**
     * How often a function looks again at the key secrets that rotate (RotatingKeys): a new key is in
     * use within two of these (docs/install-pi.md, "Rotating keys").
     */
    public static final Setting SECRETS_RELOAD = Setting.of("secrets_reload_ms", "5000");
    /**
     * How long a door may stay open in one operation: door-io waits that long for it to be closed,
     * the controller asks door-io for that wait, door-manager counts a longer one as an alarm. Read
     * through {@link Timeouts#doorClose}, which has the arithmetic built on it.
     */
    public static final Setting DOOR_CLOSE_TIMEOUT = Setting.of("door_close_timeout_ms", "45000");

    public static final List<Setting> ALL = List.of(FUNCTION_NAME, GATEWAY_URL, GATEWAY_TIMEOUT, SECRETS_DIR,
            DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_POOL_SIZE, DB_CONNECT_TIMEOUT, SIGNATURE_MAX_SKEW, SECRETS_RELOAD,
            DOOR_CLOSE_TIMEOUT);
}
