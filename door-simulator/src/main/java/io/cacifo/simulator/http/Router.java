package io.cacifo.simulator.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.cacifo.kit.http.ApiException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's one {@link HttpHandler}: picks the route by method and raw path, reads the body
 * (at most {@link #MAX_BODY_BYTES}), and writes every answer, error or not, with a status and a
 * content type. The JDK server drops the connection when a handler throws, so nothing escapes here.
 */
public final class Router implements HttpHandler {
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(Router.class.getName());

    private final List<Entry> entries = new ArrayList<>();
    private final Executor replies;

    /** {@code replies} sends the answers of routes that answer later, so no timer thread writes to a socket. */
    public Router(Executor replies) {
        this.replies = replies;
    }

    /** Adds a route; {@code pathPattern} must match the whole raw path, its groups become {@link RouteCall} path parts. */
    public Router add(String method, String pathPattern, Route route) {
        entries.add(new Entry(method, Pattern.compile(pathPattern), route));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        CompletionStage<Response> answer;
        try {
            answer = dispatch(exchange, method, path);
        } catch (RuntimeException | IOException failure) {
            send(exchange, failure(failure, method, path));
            return;
        }
        if (answer.toCompletableFuture().isDone()) {
            answer.whenComplete((response, failure) ->
                    send(exchange, failure == null ? response : failure(failure, method, path)));
            return;
        }
        // A long poll: answered later from the pool, not from the thread that closed the door or the timer.
        answer.whenCompleteAsync((response, failure) ->
                send(exchange, failure == null ? response : failure(failure, method, path)), replies);
    }

    private CompletionStage<Response> dispatch(HttpExchange exchange, String method, String path) throws IOException {
        Set<String> allowed = new TreeSet<>();
        for (Entry entry : entries) {
            Matcher matcher = entry.path.matcher(path);
            if (!matcher.matches()) {
                continue;
            }
            if (!entry.method.equals(method)) {
                allowed.add(entry.method);
                continue;
            }
            List<String> parts = new ArrayList<>();
            for (int group = 1; group <= matcher.groupCount(); group++) {
                parts.add(matcher.group(group));
            }
            String body = readBody(exchange.getRequestBody());
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    headers.put(name, values.get(0));
                }
            });
            return entry.route.handle(new RouteCall(method, path, parts, exchange.getRequestURI().getRawQuery(), headers, body));
        }
        if (allowed.isEmpty()) {
            throw ApiException.notFound("nothing is served at this path");
        }
        exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
        throw new ApiException(405, "method_not_allowed", "use " + String.join(" or ", allowed) + " here");
    }

    private static String readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "payload_too_large", "the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Response failure(Throwable failure, String method, String path) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ApiException) {
            ApiException api = (ApiException) cause;
            return Response.error(api.status(), api.error(), api.getMessage());
        }
        LOG.log(Level.SEVERE, "[simulator] " + method + " " + path + ": failed", cause);
        return Response.error(500, "internal", "the simulator failed; see its log");
    }

    private static void send(HttpExchange exchange, Response response) {
        try {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Type", response.contentType());
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Cache-Control", "no-store");
            // The page loads only its own files and talks only to its own origin.
            headers.set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Typically a caller that gave up on a long poll; nothing is left to answer.
            LOG.log(Level.FINE, "[simulator] could not send a reply", e);
        } finally {
            exchange.close();
        }
    }

    private static final class Entry {
        private final String method;
        private final Pattern path;
        private final Route route;

        private Entry(String method, Pattern path, Route route) {
            this.method = method;
            this.path = path;
            this.route = route;
        }
    }
}
