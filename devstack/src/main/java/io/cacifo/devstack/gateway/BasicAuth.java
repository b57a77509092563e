package io.cacifo.devstack.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** HTTP basic auth for the gateway's /system routes: user {@code admin}, the basic-auth-password secret. */
public final class BasicAuth {
    public static final String USER = "admin";
    public static final String CHALLENGE = "Basic realm=\"Restricted\"";

    private final byte[] expected;

    public BasicAuth(String password) {
        this.expected = (USER + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether an Authorization header value carries the right user and password; compared in constant time. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(given, expected);
    }

    public static String header(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
