package io.cacifo.devstack.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Forwards a call to its function's process on 127.0.0.1 as faasd's gateway forwards to a
 * container: same method, sub-path, query, headers (minus hop-by-hop) and body, on one shared
 * keep-alive client, waiting at most the function's exec_timeout. The function's reply comes back
 * unchanged. Never throws for a function's problems; they become the gateway's own text replies.
 */
public final class FunctionProxy {
    private static final Logger LOG = Logger.getLogger(FunctionProxy.class.getName());

    private final HttpClient client;
    private final FunctionDirectory directory;

    public FunctionProxy(HttpClient client, FunctionDirectory directory) {
        this.client = client;
        this.directory = directory;
    }

    /**
     * 404 for a function not deployed, 502 when its process does not answer (dead, not listening,
     * connection dropped), 504 when it answers later than its exec_timeout (of-watchdog's status).
     */
    public FunctionReply forward(Invocation call) {
        Optional<FunctionEndpoint> found = directory.find(call.function());
        if (found.isEmpty()) {
            return notFound(call.function());
        }
        FunctionEndpoint function = found.get();
        String qualified = FunctionDirectory.qualified(function.name());
        URI target = URI.create("http://127.0.0.1:" + function.port() + call.subPath()
                + (call.rawQuery() == null ? "" : "?" + call.rawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(function.execTimeout())
                .method(call.method(), call.body().length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        call.headers().forEach((name, values) -> {
            if (!HopByHop.dropFromRequest(name, call.headers())) {
                for (String value : values) {
                    try {
                        request.header(name, value);
                    } catch (IllegalArgumentException restricted) {
                        // A header java.net.http sets itself; the function gets the client's own value.
                    }
                }
            }
        });
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new FunctionReply(response.statusCode(), passThrough(response.headers()), response.body());
        } catch (HttpConnectTimeoutException e) {
            LOG.warning("[gateway] " + qualified + " did not accept a connection: " + e.getMessage());
            return unreachable(qualified);
        } catch (HttpTimeoutException e) {
            LOG.warning("[gateway] " + qualified + " did not answer within its exec_timeout " + function.execTimeout());
            return FunctionReply.text(504, "Timed out after " + function.execTimeout().toMillis()
                    + " ms waiting for: " + qualified);
        } catch (IOException e) {
            LOG.warning("[gateway] " + qualified + " could not be reached on port " + function.port() + ": " + e);
            return unreachable(qualified);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(qualified);
        }
    }

    public static FunctionReply notFound(String function) {
        return FunctionReply.text(404, "error finding function " + FunctionDirectory.qualified(function) + ": not found");
    }

    private static FunctionReply unreachable(String qualified) {
        return FunctionReply.text(502, "Can't reach service for: " + qualified);
    }

    private static Map<String, List<String>> passThrough(HttpHeaders headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.map().forEach((name, values) -> {
            if (!HopByHop.dropFromResponse(name, headers.map())) {
                out.put(name, new ArrayList<>(values));
            }
        });
        return out;
    }
}
