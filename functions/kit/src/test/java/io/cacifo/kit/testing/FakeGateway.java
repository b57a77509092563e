package io.cacifo.kit.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.SignedHeaders;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The OpenFaaS gateway with scripted functions behind it, over real HTTP on a free port: routes
 * {@code POST /function/<name>?action=<action>} to a script, refuses calls without a signature with
 * 401 as the real functions would, and records every call in arrival order. A function's health
 * probe ({@code GET /function/<name>/health}, unsigned as the entrypoint serves it) gets what
 * {@link #onHealth} scripts, 404 without one, and is listed in {@link #healthProbes}, not {@link #calls}.
 */
public final class FakeGateway implements AutoCloseable {
    /** What a scripted function answers to one call; it may block to play a slow function. */
    @FunctionalInterface
    public interface Script {
        Answer answer(JsonObject body) throws Exception;
    }

    /** The function's own JSON answer, or what faasd answers in its stead ({@link FaasdReplies}). */
    public static final class Answer {
        private final FakeHttpServer.Reply reply;

        public Answer(int status, String body) {
            this(FakeHttpServer.Reply.json(status, body));
        }

        private Answer(FakeHttpServer.Reply reply) {
            this.reply = reply;
        }

        public static Answer json(int status, Object body) {
            return new Answer(status, Json.write(body));
        }

        /** faasd's own reply, e.g. {@link FaasdReplies#jvmNotAnswering()}. */
        public static Answer fromFaasd(FakeHttpServer.Reply reply) {
            return new Answer(reply);
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

    private static final Pattern HEALTH = Pattern.compile("/function/([^/]+)/health");
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final Map<String, Script> health = new ConcurrentHashMap<>();
    private final FakeHttpServer server = FakeHttpServer.start("fake-gateway", this::serve);

    private FakeGateway() {
    }

    public static FakeGateway start() {
        return new FakeGateway();
    }

    public String url() {
        return server.url().toString();
    }

    public void on(String function, String action, Script script) {
        scripts.put(function + "/" + action, script);
    }

    /** What {@code GET /function/<function>/health} answers; the script gets an empty body and may block. */
    public void onHealth(String function, Script script) {
        health.put(function, script);
    }

    /** The calls to actions, in arrival order (health probes are in {@link #healthProbes}). */
    public List<Received> calls() {
        return server.requests().stream().filter(request -> healthOf(request).isEmpty())
                .map(FakeGateway::received).collect(Collectors.toList());
    }

    /** The functions whose health was probed, one entry per probe, in arrival order. */
    public List<String> healthProbes() {
        return server.requests().stream().map(FakeGateway::healthOf).flatMap(Optional::stream).collect(Collectors.toList());
    }

    /** The calls as "function/action", in arrival order. */
    public List<String> callNames() {
        return calls().stream().map(Received::toString).collect(Collectors.toList());
    }

    public void forget() {
        server.forget();
    }

    private FakeHttpServer.Reply serve(FakeHttpServer.Request request) throws Exception {
        Optional<String> probed = healthOf(request);
        if (probed.isPresent()) {
            Script script = health.get(probed.get());
            if (script == null) {
                return FakeHttpServer.Reply.json(404, "{\"error\":\"not_found\",\"message\":\"no such function\"}");
            }
            return script.answer(new JsonObject()).reply;
        }
        if (!request.body.isBlank()) {
            JsonParser.parseString(request.body); // a body that is no JSON fails the fake: a 500
        }
        Received call = received(request);
        if (!call.signed) {
            return FakeHttpServer.Reply.json(401, "{\"error\":\"unauthorized\",\"message\":\"unsigned\"}");
        }
        Script script = scripts.get(call.function + "/" + call.action);
        if (script == null) {
            return FakeHttpServer.Reply.json(404, "{\"error\":\"not_found\",\"message\":\"no such function or action\"}");
        }
        return script.answer(call.body).reply;
    }

    private static Optional<String> healthOf(FakeHttpServer.Request request) {
        Matcher health = HEALTH.matcher(request.path);
        return "GET".equals(request.method) && health.matches() ? Optional.of(health.group(1)) : Optional.empty();
    }

    private static Received received(FakeHttpServer.Request request) {
        String path = request.path;
        String function = path.startsWith("/function/") ? path.substring("/function/".length()) : path;
        String action = request.query != null && request.query.startsWith("action=") ? request.query.substring("action=".length()) : "";
        JsonObject body = new JsonObject();
        try {
            JsonElement parsed = request.body.isBlank() ? body : JsonParser.parseString(request.body);
            body = parsed.isJsonObject() ? parsed.getAsJsonObject() : body;
        } catch (JsonParseException notJson) {
            // Listed with an empty body; its caller got a 500.
        }
        return new Received(function, action, body, request.headers.get(SignedHeaders.SIGNATURE) != null);
    }

    @Override
    public void close() {
        server.close();
    }
}
