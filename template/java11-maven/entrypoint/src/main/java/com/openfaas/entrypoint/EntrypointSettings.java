package com.openfaas.entrypoint;

import java.util.Map;

/**
 * The entrypoint's knobs, read from the environment with their defaults in one place.
 *
 * <ul>
 *   <li>{@code upstream_port} (8082): of-watchdog's {@code upstream_url} points here. 0 picks a free port.</li>
 *   <li>{@code handler_threads} (16): requests served at once. A door call blocks for up to the
 *       door-close timeout, so this must exceed the number of doors that can be waited on together.</li>
 *   <li>{@code handler_queue} (64): requests waiting for a thread; beyond it the connection is closed.</li>
 *   <li>{@code max_body_bytes} (65536): larger bodies are refused with 413 before they are read.</li>
 * </ul>
 */
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

    /** Reads the settings; a value that is not a number fails start-up rather than being ignored. */
    public static EntrypointSettings from(Map<String, String> env) {
        return new EntrypointSettings(
                number(env, "upstream_port", 8082),
                number(env, "handler_threads", 16),
                number(env, "handler_queue", 64),
                number(env, "max_body_bytes", 64 * 1024));
    }

    private static int number(Map<String, String> env, String key, int fallback) {
        String raw = env.get(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + raw + "'", e);
        }
    }
}
