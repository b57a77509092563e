package io.cacifo.devstack.backend;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cacifo.backend.EventsEndpoint;
import io.cacifo.devstack.http.Exchanges;
import io.cacifo.devstack.http.Servers;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Json;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The central back-end, as far as a locker sees it: {@code POST /events} signed with the
 * locker's back-end key (docs/api.md "Back-end events"), answered with the accepted event ids,
 * the answer signed for that request with the same key, through backend-tool's {@link EventsEndpoint}
 * as a real back-end would.
 * Tests and the demo can switch it down (503) and up again to watch the outbox retry.
 *
 * <p>Routes: {@code POST /events}, {@code GET /events} ({@code {"events", "duplicates"}}),
 * {@code POST /admin/down}, {@code POST /admin/up}, {@code GET /} (a page listing the events and
 * the alerts). It is also the devstack's alert receiver: {@code POST /alerts} takes Alertmanager's
 * webhook JSON (prometheus/alertmanager.yml), {@code GET /alerts} lists what arrived
 * ({@code {"alerts": [{"status", "alertname", "locker", "severity", "summary", "starts_at", "received_at"}]}}).
 * Alertmanager's webhook is not signed, so neither route is: the stand-in listens on 127.0.0.1 only.
 */
public final class BackendStandIn implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BackendStandIn.class.getName());

    private final HttpServer server;
    private final ExecutorService pool;
    private final EventsEndpoint endpoint;
    private final ReceivedEvents events;
    private final ReceivedAlerts alerts;
    private volatile boolean down;

    private BackendStandIn(int port, String backendKey, Clock clock) {
        this.endpoint = new EventsEndpoint(backendKey, clock);
        this.events = new ReceivedEvents(clock);
        this.alerts = new ReceivedAlerts(clock);
        this.pool = Servers.pool("backend", 4);
        this.server = Servers.bind("back-end stand-in", port, pool);
        server.createContext("/events", exchange -> serve(exchange, this::events));
        server.createContext("/admin/", exchange -> serve(exchange, this::admin));
        server.createContext("/alerts", exchange -> serve(exchange, this::alerts));
        server.createContext("/", exchange -> serve(exchange, this::page));
    }

    /** Binds {@code port} (0: a free one) and serves at once, verifying with {@code backendKey}. */
    public static BackendStandIn start(int port, String backendKey) {
        BackendStandIn backend = new BackendStandIn(port, backendKey, Clock.systemUTC());
        backend.server.start();
        return backend;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on POST /events answers 503, as a back-end behind a dead 4G link would fail. */
    public void down() {
        down = true;
    }

    public void up() {
        down = false;
    }

    /** Every distinct event received, in arrival order. */
    public List<ReceivedEvent> events() {
        return events.all();
    }

    /** The alerts Alertmanager's webhook delivered, oldest first (firing and resolved notifications alike). */
    public List<ReceivedAlert> alerts() {
        return alerts.all();
    }

    /** How many repeats of an already received event id arrived. */
    public long duplicates() {
        return events.duplicates();
    }

    private void events(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/events")) {
            Exchanges.error(exchange, 404, "not_found", "no such route");
        } else if ("GET".equals(exchange.getRequestMethod())) {
            JsonArray list = new JsonArray();
            events.all().forEach(event -> list.add(event.describe()));
            JsonObject reply = new JsonObject();
            reply.add("events", list);
            reply.addProperty("duplicates", events.duplicates());
            Exchanges.json(exchange, 200, Json.write(reply));
        } else if ("POST".equals(exchange.getRequestMethod())) {
            receive(exchange);
        } else {
            Exchanges.error(exchange, 405, "method_not_allowed", "use GET or POST");
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        if (down) {
            Exchanges.error(exchange, 503, "unavailable", "the back-end is switched down");
            return;
        }
        byte[] body = Exchanges.body(exchange);
        Map<String, String> headers = Exchanges.headers(exchange);
        try {
            // The route already holds the path to /events and the locker sends no query: both are what it signs.
            endpoint.verify(headers, body);
            EventBatch batch = EventBatch.parse(new String(body, StandardCharsets.UTF_8));
            EventsEndpoint.SignedAnswer answer = endpoint.answer(events.accept(batch.lockerId, batch.events), headers, body);
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            Exchanges.send(exchange, 200, answer.body());
        } catch (ApiException e) {
            LOG.info("[backend] refused POST /events: " + e.status() + " " + e.getMessage());
            JsonObject error = new JsonObject();
            error.addProperty("error", e.error());
            // A refused signature gets one message whatever the reason, as the functions answer it.
            error.addProperty("message", e.status() == 401 ? "missing, forged, stale or replayed signature" : e.getMessage());
            Exchanges.json(exchange, e.status(), Json.write(error));
        }
    }

    private void alerts(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/alerts")) {
            Exchanges.error(exchange, 404, "not_found", "no such route");
        } else if ("GET".equals(exchange.getRequestMethod())) {
            JsonArray list = new JsonArray();
            alerts.all().forEach(alert -> list.add(alert.describe()));
            JsonObject reply = new JsonObject();
            reply.add("alerts", list);
            Exchanges.json(exchange, 200, Json.write(reply));
        } else if ("POST".equals(exchange.getRequestMethod())) {
            try {
                int count = alerts.accept(new String(Exchanges.body(exchange), StandardCharsets.UTF_8));
                Exchanges.json(exchange, 200, "{\"received\":" + count + "}");
            } catch (ApiException e) {
                LOG.info("[backend] refused POST /alerts: " + e.status() + " " + e.getMessage());
                Exchanges.error(exchange, e.status(), e.error(), e.getMessage());
            }
        } else {
            Exchanges.error(exchange, 405, "method_not_allowed", "use GET or POST");
        }
    }

    private void admin(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            Exchanges.error(exchange, 405, "method_not_allowed", "use POST");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/admin/down")) {
            down();
        } else if (path.equals("/admin/up")) {
            up();
        } else {
            Exchanges.error(exchange, 404, "not_found", "no such route");
            return;
        }
        LOG.info("[backend] switched " + (down ? "down" : "up"));
        Exchanges.json(exchange, 200, "{\"down\":" + down + "}");
    }

    private void page(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            Exchanges.error(exchange, 404, "not_found", "no such route");
            return;
        }
        Exchanges.send(exchange, 200, Exchanges.HTML,
                EventsPage.render(events.all(), events.duplicates(), down, alerts.all()).getBytes(StandardCharsets.UTF_8));
    }

    private static void serve(HttpExchange exchange, Route route) {
        try {
            route.handle(exchange);
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "[backend] " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + " failed", e);
            try {
                Exchanges.error(exchange, 500, "internal", "the back-end stand-in failed; see the devstack log");
            } catch (IOException | RuntimeException alreadyAnswered) {
                // The reply had started; the log has the cause.
            }
        } finally {
            exchange.close();
        }
    }

    private interface Route {
        void handle(HttpExchange exchange) throws IOException;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
