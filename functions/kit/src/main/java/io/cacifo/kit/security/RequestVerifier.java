package io.cacifo.kit.security;

import java.util.Map;

/**
 * Decides whether a request may be served. Throws {@link io.cacifo.kit.http.ApiException} 401 when not.
 * {@code headers} as received, names in any case ({@link io.cacifo.kit.http.Headers}).
 */
public interface RequestVerifier {
    void verify(String method, String path, String query, Map<String, String> headers, String body);

    /**
     * Whether {@code keyId} ({@code X-Cacifo-Key-Id}) names one of this verifier's keys. Lets a router
     * that accepts two kinds of signer hand a request to the one it claims, and tell a known signer
     * calling an action that is not open to it from a stranger. Key ids are public, so this reveals nothing.
     */
    boolean knowsKey(String keyId);
}
