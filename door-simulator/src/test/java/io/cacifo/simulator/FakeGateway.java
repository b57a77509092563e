package io.cacifo.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny stand-in for the OpenFaaS gateway: answers {@code /function/<name>} with what a test set
 * for that function, and records every call it got.
 */
final class FakeGateway implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();

    /** What a function answers to one call. */
    interface Answer {
        Reply answer(Call call);
    }

    static final class Reply {
        final int status;
        final String contentType;
        final String body;

        Reply(int status, String contentType, String body) {
            this.status = status;
            this.contentType = contentType;
            this.body = body;
        }

        static Reply json(int status, String body) {
            return new Reply(status, "application/json", body);
        }
    }

    static final class Call {
        final String method;
        final String path;
        final String query;
        /** Looked up ignoring case: the JDK server rewrites header names. */
        final Map<String, String> headers;
        final String body;

        Call(String method, String path, String query, Map<String, String> headers, String body) {
            this.method = method;
            this.path = path;
            this.query = query;
            this.headers = headers;
            this.body = body;
        }

        @Override
        public String toString() {
            return method + " " + path + "?" + query + " " + body;
        }
    }

    FakeGateway() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/function/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeGateway answer(String function, Answer answer) {
        answers.put("/function/" + function, answer);
        return this;
    }

    List<Call> callsTo(String function) {
        List<Call> to = new CopyOnWriteArrayList<>();
        calls.stream().filter(call -> call.path.equals("/function/" + function)).forEach(to::add);
        return to;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Call call = new Call(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body);
        calls.add(call);
        Answer answer = answers.get(call.path);
        Reply reply = answer == null ? new Reply(404, "text/plain", "Not Found") : answer.answer(call);
        byte[] bytes = reply.body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType);
        exchange.sendResponseHeaders(reply.status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
