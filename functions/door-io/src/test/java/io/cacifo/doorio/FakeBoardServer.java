package io.cacifo.doorio;

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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's board API over real HTTP on a free port, backed by a {@link FakeLockBoard}; a test
 * can instead script one raw answer (status, body, delay) for every request, to play a broken board.
 * Like the simulator, it obeys only calls signed with its {@code lock-board-key} ({@link #KEY} unless
 * started with another) and answers anything else 401.
 */
final class FakeBoardServer implements AutoCloseable {
    /** The lock-board-key a door-io under test signs with. */
    static final String KEY = "b".repeat(64);
    private static final Pattern PATH = Pattern.compile("/board/doors/([0-9]+)(/open|/wait-closed)?");

    final FakeLockBoard board;
    private final HmacVerifier verifier;
    private final HttpServer server;
    private final ExecutorService threads;
    private final List<String> requests = new ArrayList<>();
    private volatile int scriptedStatus;
    private volatile String scriptedBody;
    private volatile Duration scriptedDelay = Duration.ZERO;

    private FakeBoardServer(FakeLockBoard board, String key) throws IOException {
        this.board = board;
        this.verifier = HmacVerifier.forLockBoard(List.of(new HmacKey(key)), Clock.systemUTC(), 30);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-board");
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", this::serve);
        server.setExecutor(threads);
        server.start();
    }

    static FakeBoardServer start(FakeLockBoard board) throws IOException {
        return new FakeBoardServer(board, KEY);
    }

    /** A board holding {@code key}, which door-io may not share. */
    static FakeBoardServer start(FakeLockBoard board, String key) throws IOException {
        return new FakeBoardServer(board, key);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on every request gets this answer, after {@code delay}. */
    void script(int status, String body, Duration delay) {
        scriptedDelay = delay;
        scriptedBody = body;
        scriptedStatus = status;
    }

    /** Each request as "METHOD path?query", in arrival order. */
    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try {
            String query = exchange.getRequestURI().getRawQuery();
            synchronized (this) {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                        + (query == null ? "" : "?" + query));
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            try {
                verifier.verify(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), query, headers, body);
            } catch (ApiException refused) {
                send(exchange, refused.status(), Json.write(Map.of("error", refused.error(), "message", refused.getMessage())));
                return;
            }
            if (scriptedStatus != 0) {
                Thread.sleep(scriptedDelay.toMillis());
                send(exchange, scriptedStatus, scriptedBody);
                return;
            }
            Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
            if (!path.matches()) {
                send(exchange, 404, "{\"error\":\"not_found\"}");
                return;
            }
            int door = Integer.parseInt(path.group(1));
            String action = path.group(2) == null ? "" : path.group(2);
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("door", door);
            try {
                if ("/open".equals(action)) {
                    board.open(door);
                    reply.put("open", true);
                } else if ("/wait-closed".equals(action)) {
                    long timeout = Long.parseLong(query.replace("timeout_ms=", ""));
                    reply.put("closed", board.waitClosed(door, Duration.ofMillis(timeout)));
                } else {
                    DoorStatus status = board.status(door);
                    reply.put("open", status.open());
                    reply.put("occupied", status.occupied());
                }
                send(exchange, 200, Json.write(reply));
            } catch (UnknownDoorException e) {
                send(exchange, 404, "{\"error\":\"not_found\"}");
            } catch (BoardUnavailableException e) {
                send(exchange, 500, "{\"error\":\"internal\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
