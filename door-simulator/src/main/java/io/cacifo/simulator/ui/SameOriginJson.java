package io.cacifo.simulator.ui;

import io.cacifo.kit.http.ApiException;
import io.cacifo.simulator.http.RouteCall;

import java.util.Locale;
import java.util.Set;

/**
 * What the page's actions (typing a code, closing a door, a parcel in or out) must be: a JSON request
 * from the page's own origin. A form on another site can send only form or text bodies, and a
 * cross-origin JSON request needs a CORS preflight this server never grants; a browser also names the
 * page a request comes from in {@code Origin} and {@code Sec-Fetch-Site}, and anything but this
 * origin is refused. Tools that are not browsers (curl, the tests) send neither header.
 */
final class SameOriginJson {
    /** Sec-Fetch-Site values of a request from this page ("same-origin") or typed by the user ("none"). */
    private static final Set<String> OWN_PAGE = Set.of("same-origin", "none");

    private SameOriginJson() {
    }

    /** Returns for a same-origin JSON request; otherwise 403 {@code cross_origin} or 415 {@code unsupported_media_type}. */
    static void require(RouteCall call) {
        String site = call.header("Sec-Fetch-Site").orElse("none").strip().toLowerCase(Locale.ROOT);
        if (!OWN_PAGE.contains(site)) {
            throw crossOrigin();
        }
        if (call.header("Origin").isPresent()) {
            String origin = call.header("Origin").get().strip();
            String own = "http://" + call.header("Host").orElse("").strip();
            if (!origin.equalsIgnoreCase(own)) {
                throw crossOrigin();
            }
        }
        String type = call.contentType().strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !type.startsWith("application/json;")) {
            throw new ApiException(415, "unsupported_media_type", "the page's actions are sent as application/json");
        }
    }

    private static ApiException crossOrigin() {
        return new ApiException(403, "cross_origin", "the locker page's actions are taken only from the page itself");
    }
}
