package com.openfaas.entrypoint;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /metrics}: what the function registered in {@link PrometheusRegistry#defaultRegistry}, in
 * the Prometheus text format written by the client library (the gateway path is
 * {@code /function/<name>/metrics}; prometheus/locker.yml's {@code functions} job scrapes it). Like
 * {@code /health} it needs no secret: the series carry counts and ages only, never a code, a
 * signature or parcel data. A function with nothing registered answers 200 with an empty body.
 * Each scrape runs the registered collectors, which may read the database (bounded by its timeouts).
 */
final class MetricsExchange implements HttpHandler {
    static final String PATH = "/metrics";
    private static final Logger LOG = Logger.getLogger(MetricsExchange.class.getName());

    /** Made at the first scrape, not at start-up: four of the seven functions are never scraped. */
    private static final class Writer {
        static final PrometheusTextFormatWriter INSTANCE = PrometheusTextFormatWriter.create();
    }

    private final PrometheusRegistry registry;
    /** Where it answers: {@link #PATH}, or {@code /function/<name>/metrics} in the monolith. */
    private final String path;

    MetricsExchange(PrometheusRegistry registry, String path) {
        this.registry = registry;
        this.path = path;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            if (ReadOnlyPath.refused(exchange, path)) {
                return;
            }
            String method = exchange.getRequestMethod();
            byte[] body;
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Writer.INSTANCE.write(out, registry.scrape());
                body = out.toByteArray();
            } catch (RuntimeException e) {
                // A collector that throws: the cause in the log, never in the reply.
                LOG.log(Level.SEVERE, "[metrics] scrape failed", e);
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", Writer.INSTANCE.getContentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if ("HEAD".equals(method)) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } finally {
            exchange.close();
        }
    }
}
