package io.cacifo.devstack.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What a function answered, or the gateway's own text reply when it could not ask the function. */
public final class FunctionReply {
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    public FunctionReply(int status, Map<String, List<String>> headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** A plain-text reply in the gateway's own words, as faasd's gateway writes its errors. */
    public static FunctionReply text(int status, String message) {
        return new FunctionReply(status, Map.of("Content-Type", List.of("text/plain; charset=utf-8")),
                message.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * of-watchdog's reply when its request to the function's process fails (nothing listens yet, or
     * the connection broke before a reply): 500, an empty body and {@code X-OpenFaaS-Internal:
     * of-watchdog} (of-watchdog 0.10.9 executor/http_runner.go).
     */
    public static FunctionReply watchdogError() {
        return new FunctionReply(500, Map.of("X-OpenFaaS-Internal", List.of("of-watchdog")), new byte[0]);
    }

    public int status() {
        return status;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public String contentType() {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Type") && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }
}
