package io.cacifo.kit.http;

import java.util.Map;
import java.util.Optional;

/**
 * Header look-up ignoring case, whatever map it is handed: the official OpenFaaS entrypoint gives a
 * plain HashMap, and the JDK server turns {@code X-Cacifo-Signature} into {@code X-cacifo-signature}.
 */
public final class Headers {
    private Headers() {
    }

    /**
     * The value of header {@code name} in any case; empty when there is none. The name as written
     * wins over another spelling, so a value our entrypoint sets (ActionRouter.METHOD_HEADER) is the
     * one read even from a plain map that also holds a client's.
     */
    public static <V> Optional<V> find(Map<String, V> headers, String name) {
        V exact = headers.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (Map.Entry<String, V> header : headers.entrySet()) {
            if (name.equalsIgnoreCase(header.getKey())) {
                return Optional.ofNullable(header.getValue());
            }
        }
        return Optional.empty();
    }
}
