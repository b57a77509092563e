package com.openfaas.entrypoint;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /health}: the function's JVM is up and its handler loaded. of-watchdog answers its own
 * {@code /_/health} without asking us (it is healthy while the JVM is still starting or already
 * dead), so the locker's wake-up and the screen probe this path through the gateway
 * ({@code /function/<name>/health}). It needs no secret, reads nothing and reveals nothing.
 */
final class HealthExchange implements HttpHandler {
    static final String PATH = "/health";
    private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
    /** Where it answers: {@link #PATH}, or {@code /function/<name>/health} in the monolith. */
    private final String path;

    HealthExchange(String path) {
        this.path = path;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (ReadOnlyPath.refused(exchange, path)) {
                return;
            }
            String method = exchange.getRequestMethod();
            exchange.getResponseHeaders().set("Content-Type", InvocationExchange.JSON);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if ("HEAD".equals(method)) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, OK.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(OK);
            }
        } finally {
            exchange.close();
        }
    }
}
