package io.cacifo.simulator.http;

import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Body;
import io.cacifo.simulator.board.DoorLayout;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One request as a route sees it: method, raw path and query, the parts of the path its pattern
 * captured, the headers (names in any case) and the body.
 */
public final class RouteCall {
    private static final Pattern DOOR_NUMBER = Pattern.compile("[1-9][0-9]{0,3}");

    private final String method;
    private final String rawPath;
    private final List<String> pathParts;
    private final String rawQuery;
    private final Map<String, String> headers;
    private final String body;

    /** {@code headers}: the first value of each header; looked up ignoring case. */
    RouteCall(String method, String rawPath, List<String> pathParts, String rawQuery, Map<String, String> headers, String body) {
        this.method = method;
        this.rawPath = rawPath;
        this.pathParts = pathParts;
        this.rawQuery = rawQuery;
        Map<String, String> anyCase = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        anyCase.putAll(headers);
        this.headers = Collections.unmodifiableMap(anyCase);
        this.body = body;
    }

    public String method() {
        return method;
    }

    /** The path as sent, %-escapes and all: what a signature covers. */
    public String rawPath() {
        return rawPath;
    }

    /** The query as sent, or null when there is none. */
    public String rawQuery() {
        return rawQuery;
    }

    /** The body as text, exactly as received. */
    public String body() {
        return body;
    }

    /** Every header, first value each, looked up ignoring case. */
    public Map<String, String> headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The first captured path part as a door number; anything but 1..9999 in plain digits is 400 {@code invalid_door}. */
    public int door() {
        String raw = pathParts.isEmpty() ? "" : pathParts.get(0);
        if (!DOOR_NUMBER.matcher(raw).matches()) {
            throw ApiException.badRequest("invalid_door",
                    "a door number is a whole number from " + DoorLayout.MIN_DOOR + " to " + DoorLayout.MAX_DOOR);
        }
        return Integer.parseInt(raw);
    }

    public Query query() {
        return Query.parse(rawQuery);
    }

    /** The body as a JSON object (blank counts as {}), read strictly by the kit's {@link Body}; malformed JSON is 400 {@code malformed_json}. */
    public Body json() {
        return Body.parse(body);
    }

    /** The request's Content-Type header, or "" when it has none. */
    public String contentType() {
        return header("Content-Type").orElse("");
    }
}
