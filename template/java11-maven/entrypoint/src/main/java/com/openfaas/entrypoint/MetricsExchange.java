package com.openfaas.entrypoint;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /metrics}: what the function registered in {@link PrometheusRegistry#defaultRegistry} and
 * its JVM's own series ({@link RuntimeMetrics}), in the Prometheus text format written by the client
 * library (reached through faasd as {@code /function/<name>/metrics}; prometheus/locker.yml's
 * {@code functions} job scrapes it). Like
 * {@code /health} it needs no secret: the series carry counts and ages only, never a code, a
 * signature or parcel data (and the JVM series sizes, counts and times, never the command line,
 * the environment or a system property).
 * Each scrape runs the registered collectors, which may read the database (bounded by its timeouts).
 */
final class MetricsExchange implements HttpHandler {
    static final String PATH = "/metrics";
    private static final Logger LOG = Logger.getLogger(MetricsExchange.class.getName());

    /** Made at the first scrape, not at start-up: a function answers its first call without waiting for it. */
    private static final class Writer {
        static final PrometheusTextFormatWriter INSTANCE = PrometheusTextFormatWriter.create();
    }

    /** Each source's series, written together (their names must differ: the client library refuses duplicates). */
    private final List<Supplier<MetricSnapshots>> sources;
    /** Where it answers: {@link #PATH}, {@code /function/<name>/metrics} or the monolith's own {@code /metrics}. */
    private final String path;

    MetricsExchange(List<Supplier<MetricSnapshots>> sources, String path) {
        this.sources = List.copyOf(sources);
        this.path = path;
    }

    private MetricSnapshots scrape() {
        List<MetricSnapshot> all = new ArrayList<>();
        for (Supplier<MetricSnapshots> source : sources) {
            source.get().forEach(all::add);
        }
        return new MetricSnapshots(all);
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
                Writer.INSTANCE.write(out, scrape());
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
