package io.cacifo.devstack.http;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading and answering JDK {@link HttpExchange}s, the few ways every devstack server needs. */
public final class Exchanges {
    public static final String JSON = "application/json; charset=utf-8";
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String HTML = "text/html; charset=utf-8";

    private Exchanges() {
    }

    public static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    /** The first value of each request header, looked up ignoring case (the JDK rewrites header names). */
    public static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!header.getValue().isEmpty()) {
                headers.put(header.getKey(), header.getValue().get(0));
            }
        }
        return headers;
    }

    public static void text(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void json(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The kit's error shape, {"error","message"}; both are fixed texts of ours, never input. */
    public static void error(HttpExchange exchange, int status, String error, String message) throws IOException {
        json(exchange, status, "{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}");
    }

    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        send(exchange, status, body);
    }

    /** Sends status and body; HEAD, 1xx, 204 and 304 replies carry no body, as HTTP requires. */
    public static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean bodiless = "HEAD".equals(exchange.getRequestMethod()) || status < 200 || status == 204 || status == 304;
        if (bodiless || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
