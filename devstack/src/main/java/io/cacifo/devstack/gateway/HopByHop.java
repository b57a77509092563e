package io.cacifo.devstack.gateway;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Headers a proxy must not forward (RFC 9110 7.6.1), plus those each side of the proxy sets for
 * itself: Host and Content-Length, and the ones the JDK's HTTP client sets for itself.
 */
final class HopByHop {
    private static final Set<String> ALWAYS = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "trailers", "transfer-encoding", "upgrade",
            "content-length");
    private static final Set<String> REQUEST_ONLY = Set.of("host", "expect", "date", "from", "via", "warning");
    private static final Set<String> RESPONSE_ONLY = Set.of("date");

    private HopByHop() {
    }

    static boolean dropFromRequest(String name, Map<String, List<String>> headers) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ALWAYS.contains(lower) || REQUEST_ONLY.contains(lower) || namedByConnection(lower, headers);
    }

    static boolean dropFromResponse(String name, Map<String, List<String>> headers) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ALWAYS.contains(lower) || RESPONSE_ONLY.contains(lower) || lower.startsWith(":")
                || namedByConnection(lower, headers);
    }

    /** "Connection: X-Foo" makes X-Foo hop-by-hop too. */
    private static boolean namedByConnection(String lowerName, Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("connection")) {
                for (String value : header.getValue()) {
                    for (String token : value.split(",")) {
                        if (token.trim().toLowerCase(Locale.ROOT).equals(lowerName)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
