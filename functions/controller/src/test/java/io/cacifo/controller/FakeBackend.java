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
import io.cacifo.kit.security.ReplySigner;
import io.cacifo.kit.security.SignedHeaders;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The central back-end's {@code POST /events} over real HTTP: it checks the signature with the
 * locker's back-end key as the real one would, records each batch it takes, and answers with the
 * accepted ids signed for that request. It can be switched down (503), told to accept only the
 * first few events of a batch, or told to answer in one of the ways the locker must not trust.
 */
final class FakeBackend implements AutoCloseable {
    /** How a batch taken is answered: {@link #SIGNED} as a real back-end does, the others as an attacker or a broken one would. */
    enum Answer {
        SIGNED,
        UNSIGNED,
        /** With the locker's key id, but a signature made without the locker's key. */
        FORGED,
        /** The last signed answer sent, body and headers as they were: signed for an earlier request. */
        REPLAYED,
        /** Signed, but accepting one event id the batch did not hold. */
        ACCEPTING_AN_ID_NOT_SENT,
        /** Signed, with 2 MiB of padding after the JSON: longer than the locker reads. */
        OVERSIZED
    }

    static {
        // As the entrypoint and the devstack do: otherwise each reply waits ~40 ms for a delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final HmacVerifier verifier;
    private final ReplySigner replySigner;
    private final String keyId;
    private final List<JsonObject> batches = new ArrayList<>();
    private int refused;
    private volatile boolean down;
    private volatile int acceptAtMost = Integer.MAX_VALUE;
    private volatile Answer answer = Answer.SIGNED;
    private volatile SignedAnswer lastSigned;

    private FakeBackend(String key) throws IOException {
        HmacKey hmacKey = new HmacKey(key);
        verifier = new HmacVerifier("", List.of(hmacKey), Clock.systemUTC(), 30);
        replySigner = new ReplySigner(hmacKey);
        keyId = hmacKey.id();
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

    void answer(Answer how) {
        answer = how;
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
        answer = Answer.SIGNED;
        lastSigned = null;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try {
            byte[] requestBytes = exchange.getRequestBody().readAllBytes();
            String body = new String(requestBytes, StandardCharsets.UTF_8);
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
            answer(exchange, headers.get(SignedHeaders.NONCE), requestBytes, accepted);
        } finally {
            exchange.close();
        }
    }

    private void answer(HttpExchange exchange, String nonce, byte[] request, List<String> accepted) throws IOException {
        Answer how = answer;
        if (how == Answer.REPLAYED) {
            send(exchange, 200, lastSigned.headers, lastSigned.body);
            return;
        }
        List<String> ids = new ArrayList<>(accepted);
        if (how == Answer.ACCEPTING_AN_ID_NOT_SENT) {
            ids.add("00000000-0000-0000-0000-00000000dead");
        }
        String json = Json.write(Map.of("accepted", ids));
        byte[] body = (how == Answer.OVERSIZED ? json + " ".repeat(2 * 1024 * 1024) : json).getBytes(StandardCharsets.UTF_8);
        Map<String, String> signature = new LinkedHashMap<>();
        if (how == Answer.FORGED) {
            signature.putAll(new ReplySigner(new HmacKey("f".repeat(64))).headers(nonce, request, body));
            signature.put(SignedHeaders.KEY_ID, keyId);
        } else if (how != Answer.UNSIGNED) {
            signature.putAll(replySigner.headers(nonce, request, body));
        }
        if (how == Answer.SIGNED) {
            lastSigned = new SignedAnswer(signature, body);
        }
        send(exchange, 200, signature, body);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] bytes)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** An answer as it was sent, to send again. */
    private static final class SignedAnswer {
        final Map<String, String> headers;
        final byte[] body;

        SignedAnswer(Map<String, String> headers, byte[] body) {
            this.headers = headers;
            this.body = body;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
