package io.cacifo.devstack.gateway;

import com.sun.net.httpserver.HttpExchange;
import io.cacifo.devstack.http.Exchanges;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One call to a function as the gateway received it: the function, and what to forward to it. */
public final class Invocation {
    private final String function;
    private final String method;
    private final String subPath;
    private final String rawQuery;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    public Invocation(String function, String method, String subPath, String rawQuery,
                      Map<String, List<String>> headers, byte[] body) {
        this.function = function;
        this.method = method;
        this.subPath = subPath;
        this.rawQuery = rawQuery;
        this.headers = headers;
        this.body = body;
    }

    /**
     * Reads {@code <prefix><name>[/rest]}: {@code /function/user-manager/a?x=1} is function
     * {@code user-manager}, sub-path {@code /a}, query {@code x=1}; without a rest the sub-path is "/".
     */
    public static Invocation read(HttpExchange exchange, String prefix) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String tail = path.length() > prefix.length() ? path.substring(prefix.length()) : "";
        int slash = tail.indexOf('/');
        String function = FunctionDirectory.withoutNamespace(slash < 0 ? tail : tail.substring(0, slash));
        String subPath = slash < 0 ? "/" : tail.substring(slash);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        return new Invocation(function, exchange.getRequestMethod(), subPath,
                exchange.getRequestURI().getRawQuery(), headers, Exchanges.body(exchange));
    }

    public String function() {
        return function;
    }

    public String method() {
        return method;
    }

    public String subPath() {
        return subPath;
    }

    /** The query as received, still percent-encoded; null when there was none. */
    public String rawQuery() {
        return rawQuery;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    /** The same call with one more header (replacing one of that name), e.g. X-Call-Id for an async call. */
    public Invocation withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((key, values) -> {
            if (!key.equalsIgnoreCase(name)) {
                copy.put(key, values);
            }
        });
        copy.put(name, List.of(value));
        return new Invocation(function, method, subPath, rawQuery, copy, body);
    }
}
