package io.cacifo.bench;

import io.cacifo.kit.http.GatewayReply;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls a function, signed for the path the gateway routes it under ({@code /function/<name>}),
 * either through the gateway or straight on the function's own port: the function rebuilds that
 * path from its own name whatever path it receives. One keep-alive HTTP client for all calls.
 */
final class FunctionCaller {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final CallSigner signer;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    FunctionCaller(CallSigner signer) {
        this.signer = signer;
    }

    /** Straight to the function's port; {@link IOException} when nothing listens there yet (or the process died). */
    GatewayReply call(int port, String function, String action, String body) throws IOException, InterruptedException {
        return send(URI.create("http://127.0.0.1:" + port + "/?action=" + action), function, action, body);
    }

    /** Through the gateway at {@code gateway} ({@code http://host:port}). */
    GatewayReply viaGateway(URI gateway, String function, String action, String body) throws IOException, InterruptedException {
        return viaGateway(gateway, function, action, body, TIMEOUT);
    }

    /** The same, waiting up to {@code timeout} for the reply. */
    GatewayReply viaGateway(URI gateway, String function, String action, String body, Duration timeout)
            throws IOException, InterruptedException {
        return send(gateway.resolve("/function/" + function + "?action=" + action), function, action, body, timeout);
    }

    private GatewayReply send(URI target, String function, String action, String body) throws IOException, InterruptedException {
        return send(target, function, action, body, TIMEOUT);
    }

    private GatewayReply send(URI target, String function, String action, String body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        signer.headers("/function/" + function, action, body).forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new GatewayReply(response.statusCode(), response.body());
    }
}
