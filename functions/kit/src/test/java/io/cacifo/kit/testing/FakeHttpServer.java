package io.cacifo.kit.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Another party over real HTTP, for tests: the back-end, the lock board, a locker's gateway, a
 * function behind the devstack's gateway. It listens on a free loopback port, records every request
 * in arrival order before answering it, and answers each with what its {@link Answerer} returns, on
 * a thread of its own so an answer may block to play a slow party. An answerer that throws gets its
 * caller a 500 {@code {"error":"internal"}} naming the exception's class.
 */
public final class FakeHttpServer implements AutoCloseable {
    static {
        // As the entrypoint and the devstack do: otherwise each reply waits ~40 ms for a delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** What the party answers to one request; it may block. */
    @FunctionalInterface
    public interface Answerer {
        Reply answer(Request request) throws Exception;
    }

    /** One request as it arrived. */
    public static final class Request {
        public final String method;
        /** Raw, as sent: {@code /function/door-io}. */
        public final String path;
        /** Raw, as sent; null without one. */
        public final String query;
        /** The first value of each header, looked up ignoring case: the JDK server rewrites header names. */
        public final Map<String, String> headers;
        public final String body;
        private final byte[] bytes;

        Request(String method, String path, String query, Map<String, String> headers, byte[] bytes) {
            this.method = method;
            this.path = path;
            this.query = query;
            this.headers = headers;
            this.bytes = bytes;
            this.body = new String(bytes, StandardCharsets.UTF_8);
        }

        /** The body exactly as it arrived. */
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query) + " " + body;
        }
    }

    /** A status, headers and a body; an empty body is sent as none. */
    public static final class Reply {
        final int status;
        final Map<String, String> headers;
        final byte[] body;

        private Reply(int status, Map<String, String> headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        public static Reply of(int status, String contentType, byte[] body) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", contentType);
            return new Reply(status, headers, body);
        }

        public static Reply of(int status, String contentType, String body) {
            return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
        }

        public static Reply json(int status, String body) {
            return of(status, "application/json", body);
        }

        /** A status without a body or a Content-Type, such as 204. */
        public static Reply empty(int status) {
            return new Reply(status, new LinkedHashMap<>(), new byte[0]);
        }

        /** This reply with one more header (or another value for it). */
        public Reply with(String header, String value) {
            Map<String, String> headers = new LinkedHashMap<>(this.headers);
            headers.put(header, value);
            return new Reply(status, headers, body);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final Answerer answerer;
    private final List<Request> received = new ArrayList<>();
    private final BlockingQueue<Request> unread = new LinkedBlockingQueue<>();

    private FakeHttpServer(String name, int port, Answerer answerer) throws IOException {
        this.answerer = answerer;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", this::serve);
        server.setExecutor(threads);
        server.start();
    }

    /** Listening when it returns; {@code name} names its threads. Failure behaviour: no free port throws {@link UncheckedIOException}. */
    public static FakeHttpServer start(String name, Answerer answerer) {
        return startOn(name, 0, answerer);
    }

    /**
     * As {@link #start} on loopback port {@code port} (0: a free one), for a party that comes up late
     * on an address its caller already knows. Failure behaviour: a port in use throws {@link UncheckedIOException}.
     */
    public static FakeHttpServer startOn(String name, int port, Answerer answerer) {
        try {
            return new FakeHttpServer(name, port, answerer);
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind loopback port " + port, e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request since the start or {@link #forget}, in arrival order. */
    public synchronized List<Request> requests() {
        return List.copyOf(received);
    }

    /** The oldest request not taken yet by this method; fails the test when none arrives within {@code timeout}. */
    public Request next(Duration timeout) throws InterruptedException {
        Request request = unread.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (request == null) {
            throw new AssertionError("no request arrived within " + timeout.toMillis() + " ms");
        }
        return request;
    }

    public synchronized void forget() {
        received.clear();
        unread.clear();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, exchange.getRequestBody().readAllBytes());
            synchronized (this) {
                received.add(request);
                unread.add(request);
            }
            Reply reply;
            try {
                reply = answerer.answer(request);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                reply = Reply.json(500, "{\"error\":\"internal\",\"message\":\"the fake failed: " + e.getClass().getSimpleName() + "\"}");
            }
            send(exchange, reply);
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(reply.status, reply.body.length == 0 ? -1 : reply.body.length);
        if (reply.body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
