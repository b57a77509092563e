package io.cacifo.kit.http;

import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.RequestSigner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Calls other functions through the gateway: POST {@code /function/<name>?action=<action>} with a
 * JSON body, signed with the internal key. One {@link HttpClient} per JVM keeps connections alive.
 *
 * <p>Failure behaviour: any HTTP status is returned as a {@link GatewayReply} for the caller to
 * judge; the gateway unreachable or too slow throws {@link ApiException} 503 {@code upstream_unavailable}.
 */
public final class GatewayClient {
    private static final Pattern FUNCTION = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private final HttpClient http;
    private final URI gateway;
    private final RequestSigner signer;
    private final Duration timeout;

    public GatewayClient(URI gateway, RequestSigner signer, Duration timeout) {
        this.gateway = gateway;
        this.signer = signer;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
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
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path + "?" + query))
                .timeout(callTimeout)
                .header("Content-Type", Replies.JSON)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        signer.headers("POST", path, query, json).forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new GatewayReply(response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            throw ApiException.unavailable("upstream_unavailable", function + " did not answer in time");
        } catch (IOException e) {
            throw ApiException.unavailable("upstream_unavailable", function + " could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("upstream_unavailable", "interrupted while calling " + function);
        }
    }
}
