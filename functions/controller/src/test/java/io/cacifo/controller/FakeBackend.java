package io.cacifo.controller;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.HmacVerifier;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The central back-end's {@code POST /events} over real HTTP: it checks the signature with the
 * locker's back-end key as the real one would, records each batch it takes, and can be switched
 * down (503) or told to accept only the first few events of a batch.
 */
final class FakeBackend implements AutoCloseable {
    static {
        // As the entrypoint and the devstack do: otherwise each reply waits ~40 ms for a delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final HmacVerifier verifier;
    private final List<JsonObject> batches = new ArrayList<>();
    private int refused;
    private volatile boolean down;
    private volatile int acceptAtMost = Integer.MAX_VALUE;

    private FakeBackend(String key) throws IOException {
        verifier = new HmacVerifier("", List.of(new HmacKey(key)), Clock.systemUTC(), 30);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-backend");
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", this::serve);
        server.setExecutor(threads);
        server.start();
    }

    static FakeBackend start(String key) throws IOException {
        return new FakeBackend(key);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void goDown() {
        down = true;
    }

    void comeUp() {
        down = false;
    }

    void acceptAtMost(int count) {
        acceptAtMost = count;
    }

    /** Each batch taken (signature valid, back-end up), in arrival order. */
    synchronized List<JsonObject> batches() {
        return List.copyOf(batches);
    }

    /** The event ids of every batch taken, in arrival order, including ones not accepted. */
    synchronized List<String> eventIds() {
        List<String> ids = new ArrayList<>();
        for (JsonObject batch : batches) {
            batch.getAsJsonArray("events").forEach(event -> ids.add(event.getAsJsonObject().get("event_id").getAsString()));
        }
        return ids;
    }

    synchronized int refusedSignatures() {
        return refused;
    }

    synchronized void forget() {
        batches.clear();
        refused = 0;
        acceptAtMost = Integer.MAX_VALUE;
        down = false;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (down) {
                send(exchange, 503, "{\"error\":\"unavailable\"}");
                return;
            }
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            try {
                verifier.verify(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), headers, body);
            } catch (ApiException e) {
                synchronized (this) {
                    refused++;
                }
                send(exchange, 401, "{\"error\":\"unauthorized\"}");
                return;
            }
            if (!"/events".equals(exchange.getRequestURI().getRawPath())) {
                send(exchange, 404, "{\"error\":\"not_found\"}");
                return;
            }
            JsonObject batch = JsonParser.parseString(body).getAsJsonObject();
            List<String> accepted = new ArrayList<>();
            for (JsonElement event : batch.getAsJsonArray("events")) {
                if (accepted.size() < acceptAtMost) {
                    accepted.add(event.getAsJsonObject().get("event_id").getAsString());
                }
            }
            synchronized (this) {
                batches.add(batch);
            }
            send(exchange, 200, Json.write(Map.of("accepted", accepted)));
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
