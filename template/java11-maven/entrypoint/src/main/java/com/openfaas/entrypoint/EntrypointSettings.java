package com.openfaas.entrypoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The entrypoint's knobs, read from the environment with their defaults in one place ({@link #DEFAULTS}). */
public final class EntrypointSettings {
    final int port;
    final int threads;
    final int queue;
    final int maxBodyBytes;

    public EntrypointSettings(int port, int threads, int queue, int maxBodyBytes) {
        if (port < 0 || threads < 1 || queue < 1 || maxBodyBytes < 1) {
            throw new IllegalArgumentException("entrypoint settings out of range: port=" + port
                    + " threads=" + threads + " queue=" + queue + " max_body_bytes=" + maxBodyBytes);
        }
        this.port = port;
        this.threads = threads;
        this.queue = queue;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Requests served at once ({@code handler_threads}). */
    public int threads() {
        return threads;
    }

    /**
     * Every setting the entrypoint reads and its default, in one place: the README's configuration
     * reference lists them (deploy's ConfigReferenceTest). The entrypoint does not use the kit, so
     * it does not use the kit's {@code Setting}.
     */
    public static final Map<String, Integer> DEFAULTS = defaults();

    private static Map<String, Integer> defaults() {
        Map<String, Integer> defaults = new LinkedHashMap<>();
        // of-watchdog's upstream_url points here; 0 picks a free port.
        defaults.put("upstream_port", 8082);
        // Requests served at once. A door call blocks for up to the door-close timeout, so this must
        // exceed the number of doors that can be waited on together.
        defaults.put("handler_threads", 16);
        // Requests waiting for a thread; beyond it the connection is closed.
        defaults.put("handler_queue", 64);
        // Larger bodies are refused with 413 before they are read.
        defaults.put("max_body_bytes", 64 * 1024);
        return Collections.unmodifiableMap(defaults);
    }

    /** Reads the settings; a value that is not a number fails start-up rather than being ignored. */
    public static EntrypointSettings from(Map<String, String> env) {
        return new EntrypointSettings(
                number(env, "upstream_port"),
                number(env, "handler_threads"),
                number(env, "handler_queue"),
                number(env, "max_body_bytes"));
    }

    private static int number(Map<String, String> env, String key) {
        String raw = env.get(key);
        if (raw == null || raw.isBlank()) {
            return DEFAULTS.get(key);
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + raw + "'", e);
        }
    }
}
