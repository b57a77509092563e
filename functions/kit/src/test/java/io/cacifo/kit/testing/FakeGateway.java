package io.cacifo.kit.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.SignedHeaders;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The OpenFaaS gateway with scripted functions behind it, over real HTTP on a free port: routes
 * {@code POST /function/<name>?action=<action>} to a script, refuses calls without a signature with
 * 401 as the real functions would, and records every call in arrival order.
 */
public final class FakeGateway implements AutoCloseable {
    static {
        // As the entrypoint and the devstack do: otherwise each reply waits ~40 ms for a delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** What a scripted function answers to one call; it may block to play a slow function. */
    @FunctionalInterface
    public interface Script {
        Answer answer(JsonObject body) throws Exception;
    }

    public static final class Answer {
        public final int status;
        public final String body;

        public Answer(int status, String body) {
            this.status = status;
            this.body = body;
        }

        public static Answer json(int status, Object body) {
            return new Answer(status, Json.write(body));
        }
    }

    /** One call as the gateway received it. */
    public static final class Received {
        public final String function;
        public final String action;
        public final JsonObject body;
        public final boolean signed;

        Received(String function, String action, JsonObject body, boolean signed) {
            this.function = function;
            this.action = action;
            this.body = body;
            this.signed = signed;
        }

        @Override
        public String toString() {
            return function + "/" + action;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final List<Received> received = new ArrayList<>();

    private FakeGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-gateway");
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", this::serve);
        server.setExecutor(threads);
        server.start();
    }

    public static FakeGateway start() throws IOException {
        return new FakeGateway();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void on(String function, String action, Script script) {
        scripts.put(function + "/" + action, script);
    }

    public synchronized List<Received> calls() {
        return List.copyOf(received);
    }

    /** The calls as "function/action", in arrival order. */
    public List<String> callNames() {
        return calls().stream().map(Received::toString).collect(Collectors.toList());
    }

    public synchronized void forget() {
        received.clear();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String function = path.startsWith("/function/") ? path.substring("/function/".length()) : path;
            String action = query != null && query.startsWith("action=") ? query.substring("action=".length()) : "";
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonElement parsed = text.isBlank() ? new JsonObject() : JsonParser.parseString(text);
            JsonObject body = parsed.isJsonObject() ? parsed.getAsJsonObject() : new JsonObject();
            boolean signed = exchange.getRequestHeaders().getFirst(SignedHeaders.SIGNATURE) != null;
            synchronized (this) {
                received.add(new Received(function, action, body, signed));
            }
            if (!signed) {
                send(exchange, 401, "{\"error\":\"unauthorized\",\"message\":\"unsigned\"}");
                return;
            }
            Script script = scripts.get(function + "/" + action);
            if (script == null) {
                send(exchange, 404, "{\"error\":\"not_found\",\"message\":\"no such function or action\"}");
                return;
            }
            Answer answer = script.answer(body);
            send(exchange, answer.status, answer.body);
        } catch (Exception e) {
            send(exchange, 500, "{\"error\":\"internal\",\"message\":\"the fake failed: " + e.getClass().getSimpleName() + "\"}");
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
