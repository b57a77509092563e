package io.cacifo.simulator.http;

import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Body;
import io.cacifo.simulator.board.DoorLayout;

import java.util.List;
import java.util.regex.Pattern;

/** One request as a route sees it: the parts of the path its pattern captured, the query and the body. */
public final class RouteCall {
    private static final Pattern DOOR_NUMBER = Pattern.compile("[1-9][0-9]{0,3}");

    private final List<String> pathParts;
    private final String rawQuery;
    private final String body;
    private final String contentType;

    RouteCall(List<String> pathParts, String rawQuery, String body, String contentType) {
        this.pathParts = pathParts;
        this.rawQuery = rawQuery;
        this.body = body;
        this.contentType = contentType;
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
        return contentType;
    }
}
