package io.cacifo.simulator.http;

import io.cacifo.kit.http.ApiException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** A URL query read strictly: a name given twice or a broken %-escape is a 400, not a guess. */
public final class Query {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
    private final Map<String, String> values;

    private Query(Map<String, String> values) {
        this.values = values;
    }

    public static Query parse(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return new Query(values);
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (values.put(name, value) != null) {
                throw ApiException.badRequest("invalid_query", "a query parameter is given twice");
            }
        }
        return new Query(values);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_query", "the query has a malformed %-escape");
        }
    }

    /** The parameter's value as given, or empty when it is absent. */
    public Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** A whole number within [min, max] in plain digits, or {@code fallback} when the parameter is absent. */
    public long integer(String name, long min, long max, long fallback) {
        Optional<String> raw = Optional.ofNullable(values.get(name));
        if (raw.isEmpty()) {
            return fallback;
        }
        if (!DIGITS.matcher(raw.get()).matches()) {
            throw ApiException.badRequest("invalid_query", "'" + name + "' must be a whole number from " + min + " to " + max);
        }
        long value = Long.parseLong(raw.get());
        if (value < min || value > max) {
            throw ApiException.badRequest("invalid_query", "'" + name + "' must be from " + min + " to " + max);
        }
        return value;
    }
}
