package io.cacifo.kit.http;

import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.RequestSigner;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Calls other functions through the gateway: POST {@code /function/<name>?action=<action>} with a
 * JSON body, signed with the internal key, over {@link BlockingHttp} (the JDK keeps connections alive).
 *
 * <p>Failure behaviour: any HTTP status is returned as a {@link GatewayReply} for the caller to
 * judge; the gateway unreachable or too slow throws {@link ApiException} 503 {@code upstream_unavailable}.
 */
public final class GatewayClient {
    private static final Pattern FUNCTION = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private final URI gateway;
    private final RequestSigner signer;
    private final Duration timeout;

    public GatewayClient(URI gateway, RequestSigner signer, Duration timeout) {
        this.gateway = gateway;
        this.signer = signer;
        this.timeout = timeout;
    }

    public GatewayReply call(String function, String action, Object body) {
        return call(function, action, body, timeout);
    }

    /** As {@link #call(String, String, Object)} with its own timeout, for calls that wait on a door. */
    public GatewayReply call(String function, String action, Object body, Duration callTimeout) {
        if (!FUNCTION.matcher(function).matches() || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("not a function or action name: " + function + "/" + action);
        }
        String path = "/function/" + function;
        String query = "action=" + action;
        String json = body instanceof String ? (String) body : Json.write(body);
        try {
            BlockingHttp.Reply reply = BlockingHttp.postJson(gateway.resolve(path + "?" + query),
                    signer.headers("POST", path, query, json), json, CONNECT_TIMEOUT, callTimeout);
            return new GatewayReply(reply.status(), reply.text());
        } catch (BlockingHttp.NoReplyInTime e) {
            throw ApiException.unavailable("upstream_unavailable", function + " did not answer in time");
        } catch (IOException e) {
            throw ApiException.unavailable("upstream_unavailable", function + " could not be reached");
        }
    }

    /**
     * {@code GET /function/<name>/health}, the entrypoint's own probe (of-watchdog's {@code /_/health}
     * says nothing about the JVM). True only for a 200 within {@code timeout}. Through the gateway, so
     * on faasd a function with no running task is started by the probe itself (scale from zero).
     */
    public boolean isHealthy(String function, Duration timeout) {
        if (!FUNCTION.matcher(function).matches()) {
            throw new IllegalArgumentException("not a function name: " + function);
        }
        try {
            return BlockingHttp.send(gateway.resolve("/function/" + function + "/health"), "GET", Map.of(), new byte[0],
                    CONNECT_TIMEOUT, timeout).status() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
