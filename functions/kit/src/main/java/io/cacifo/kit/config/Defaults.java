package io.cacifo.kit.config;

import java.util.Map;

/** Every setting the kit reads, with its default. The README's config reference mirrors this list. */
public final class Defaults {
    private Defaults() {
    }

    public static final Map<String, String> VALUES = Map.ofEntries(
            // Where function-to-function calls go; faasd's hosts file resolves "gateway".
            Map.entry("gateway_url", "http://127.0.0.1:8080"),
            Map.entry("gateway_timeout_ms", "5000"),
            // The directory faasd mounts secrets into, one file per secret.
            Map.entry("secrets_dir", "/var/openfaas/secrets"),
            Map.entry("db_host", "127.0.0.1"),
            Map.entry("db_port", "3306"),
            Map.entry("db_name", "cacifo"),
            Map.entry("db_user", "cacifo"),
            // Connections per JVM: seven functions share one MariaDB on a 1 GB Pi.
            Map.entry("db_pool_size", "4"),
            // How long a call waits for a connection before the screen is told "temporarily unavailable".
            Map.entry("db_connect_timeout_ms", "3000"),
            // How far a signed request's timestamp may be from our clock, either way.
            Map.entry("signature_max_skew_seconds", "30"),
            // How often a function looks again at the key secrets that rotate (RotatingKeys): a new
            // key is in use within two of these (docs/install-pi.md, "Rotating keys").
            Map.entry("secrets_reload_ms", "5000"),
            // reservation-manager: how long a used code re-opens its own door (a door shut too soon);
            // 0 turns that off. Never longer than the door stays as the use left it (docs/api.md).
            Map.entry("code_grace_seconds", "600"));
}
