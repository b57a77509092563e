package io.cacifo.kit.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A raw query string decoded once; the first value of a repeated name wins. */
public final class Query {
    private final Map<String, String> values;

    private Query(Map<String, String> values) {
        this.values = values;
    }

    public static Query parse(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                try {
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    values.putIfAbsent(name, value);
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("malformed_query", "the query string is not valid URL encoding");
                }
            }
        }
        return new Query(values);
    }

    public Optional<String> find(String name) {
        return Optional.ofNullable(values.get(name));
    }
}
