package com.openfaas.entrypoint;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;

/**
 * The one rule for the entrypoint's own read-only paths ({@code /health}, {@code /metrics}): the
 * exact path (the JDK server matches contexts by prefix, so {@code /healthz} or {@code /metrics/x}
 * is nobody's: 404), read with GET or HEAD only (anything else: 405 with {@code Allow}).
 */
final class ReadOnlyPath {
    private ReadOnlyPath() {
    }

    /** Answers 404 or 405 and returns true when {@code exchange} is not a GET or HEAD of exactly {@code path}. */
    static boolean refused(HttpExchange exchange, String path) throws IOException {
        if (!path.equals(exchange.getRequestURI().getRawPath())) {
            exchange.sendResponseHeaders(404, -1);
            return true;
        }
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            exchange.sendResponseHeaders(405, -1);
            return true;
        }
        return false;
    }
}
