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

    /** The value of header {@code name} in any case; empty when there is none. */
    public static <V> Optional<V> find(Map<String, V> headers, String name) {
        for (Map.Entry<String, V> header : headers.entrySet()) {
            if (name.equalsIgnoreCase(header.getKey())) {
                return Optional.ofNullable(header.getValue());
            }
        }
        return Optional.empty();
    }
}
