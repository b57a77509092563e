package com.openfaas.entrypoint;

import com.openfaas.model.AbstractHandler;
import com.openfaas.model.IResponse;
import com.openfaas.model.Request;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns one HTTP exchange into one {@code Handle} call. Three things differ from the upstream
 * entrypoint: bodies are read for every method and capped (413 past the cap), headers are handed
 * over in a case-insensitive map (the JDK server rewrites {@code X-Signature} as
 * {@code X-signature}), and an exception from the handler becomes a JSON 500 with the cause only
 * in the log, instead of a dropped connection.
 */
final class InvocationExchange implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(InvocationExchange.class.getName());
    static final String JSON = "application/json; charset=utf-8";
    /** The request method, as the kit's ActionRouter.METHOD_HEADER reads it. */
    static final String METHOD_HEADER = "X-Http-Method";

    private final AbstractHandler handler;
    private final HandlerPool pool;
    private final int maxBodyBytes;
    /** What the caller's path has before the handler's ("" behind of-watchdog, {@code /function/<name>} in the monolith). */
    private final String prefix;

    InvocationExchange(AbstractHandler handler, HandlerPool pool, int maxBodyBytes, String prefix) {
        this.handler = handler;
        this.pool = pool;
        this.maxBodyBytes = maxBodyBytes;
        this.prefix = prefix;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        pool.enter();
        try {
            String path = exchange.getRequestURI().getRawPath();
            String received = path.substring(Math.min(prefix.length(), path.length()));
            if (!received.isEmpty() && !received.startsWith("/")) {
                // The JDK server matches contexts by prefix: /function/door-io also catches /function/door-iox.
                send(exchange, 404, JSON, error("not_found", "no such function"), Map.of());
                return;
            }
            String body = readBody(exchange);
            if (body == null) {
                send(exchange, 413, JSON, error("payload_too_large",
                        "request body is larger than " + maxBodyBytes + " bytes"), Map.of());
                return;
            }
            Request request;
            try {
                // As of-watchdog hands it over: /function/<name> arrives as "/".
                request = new Request(body, headers(exchange),
                        exchange.getRequestURI().getRawQuery(), received.isEmpty() ? "/" : received);
            } catch (IllegalArgumentException malformed) {
                // Request decodes the query eagerly; a bad %-escape is the caller's mistake, not ours.
                send(exchange, 400, JSON, error("malformed_query", "the query string is not valid URL encoding"), Map.of());
                return;
            }
            IResponse response;
            try {
                response = handler.Handle(request);
            } catch (Throwable t) {
                // The client gets a short reply; the cause goes to the function's log only.
                LOG.log(Level.SEVERE, "[entrypoint] handler failed for " + exchange.getRequestMethod()
                        + " " + exchange.getRequestURI().getRawPath(), t);
                send(exchange, 500, JSON, error("internal", "the function failed; see its log"), Map.of());
                return;
            }
            if (response == null) {
                LOG.severe("[entrypoint] handler returned no response");
                send(exchange, 500, JSON, error("internal", "the function returned no response"), Map.of());
                return;
            }
            String contentType = response.getContentType();
            send(exchange, response.getStatusCode(),
                    contentType == null || contentType.isEmpty() ? "text/plain; charset=utf-8" : contentType,
                    response.getBody() == null ? "" : response.getBody(), response.getHeaders());
        } finally {
            exchange.close();
            pool.leave();
        }
    }

    /** Returns the body as UTF-8, or null when it exceeds the cap (known from Content-Length or found while reading). */
    private String readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > maxBodyBytes) {
                    return null;
                }
            } catch (NumberFormatException ignored) {
                // Malformed length: the JDK server has already rejected it or reads chunks; the cap below holds.
            }
        }
        InputStream in = exchange.getRequestBody();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) != -1) {
            if (out.size() + read > maxBodyBytes) {
                return null;
            }
            out.write(buffer, 0, read);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!header.getValue().isEmpty()) {
                headers.put(header.getKey(), header.getValue().get(0));
            }
        }
        // IRequest has no method; handlers read it from here. Set last so a client cannot choose it.
        headers.put(METHOD_HEADER, exchange.getRequestMethod());
        return headers;
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body,
                             Map<String, String> extraHeaders) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        extraHeaders.forEach((name, value) -> {
            if (!"content-type".equalsIgnoreCase(name) && !"content-length".equalsIgnoreCase(name)) {
                exchange.getResponseHeaders().set(name, value);
            }
        });
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String error(String code, String message) {
        // Fixed strings only, so no escaping is needed and the entrypoint needs no JSON library.
        return "{\"error\":\"" + code + "\",\"message\":\"" + message + "\"}";
    }
}
