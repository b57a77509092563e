package io.cacifo.backend;

import io.cacifo.kit.http.GatewayClient;
import io.cacifo.kit.http.GatewayReply;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.EcdsaSigner;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The central back-end talking to one locker: calls its functions through the locker's gateway,
 * signed with the back-end's EC P-256 key ({@link EcdsaSigner}), and announces parcels whose codes
 * are sealed for that locker's RSA key. One instance per locker; it keeps one {@link HttpClient}.
 *
 * <p>Failure behaviour: every HTTP status comes back as a {@link GatewayReply} for the caller to
 * judge; a gateway that cannot be reached or does not answer in time throws
 * {@link UncheckedIOException}; bad arguments throw {@link IllegalArgumentException}.
 */
public final class LockerClient {
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private final String gateway;
    private final EcdsaSigner signer;
    private final PublicKey lockerKey;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * {@code gateway}: the locker's gateway base URL; calls go to {@code <gateway>/function/<name>}
     * and are signed for {@code /function/<name>}, so a proxy path in front of the gateway must be
     * stripped by that proxy. {@code lockerKey}: the locker's RSA public key, or null for a client that
     * never creates parcels.
     */
    public LockerClient(URI gateway, KeyPair backendKey, PublicKey lockerKey, Clock clock, Duration timeout) {
        String base = gateway.toString();
        if (!"http".equals(gateway.getScheme()) && !"https".equals(gateway.getScheme())) {
            throw new IllegalArgumentException("the gateway URL must be http or https");
        }
        this.gateway = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.signer = new EcdsaSigner(backendKey, clock);
        this.lockerKey = lockerKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public LockerClient(URI gateway, KeyPair backendKey, PublicKey lockerKey) {
        this(gateway, backendKey, lockerKey, Clock.systemUTC(), DEFAULT_TIMEOUT);
    }

    /** POSTs {@code bodyJson} as is (not checked, so tests can send malformed bodies) to {@code function?action=action}, signed. */
    public GatewayReply call(String function, String action, String bodyJson) {
        if (function == null || !GatewayClient.FUNCTION_NAME.matcher(function).matches()) {
            throw new IllegalArgumentException("not a function name: " + function);
        }
        if (action == null || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("not an action name: " + action);
        }
        String path = "/function/" + function;
        String query = "action=" + action;
        String body = bodyJson == null ? "" : bodyJson;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path + "?" + query))
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        signer.headers("POST", path, query, body).forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new GatewayReply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("the locker's gateway at " + gateway + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while calling " + gateway));
        }
    }

    /** Announces {@code parcel} to the locker: reservation-manager {@code insert} with its codes sealed for the locker. */
    public GatewayReply createParcel(NewParcel parcel) {
        if (lockerKey == null) {
            throw new IllegalStateException("this client has no locker RSA public key, so it cannot seal parcel codes");
        }
        return call("reservation-manager", "insert", Json.write(parcel.insertBody(lockerKey)));
    }

    /** As {@link #createParcel(NewParcel)}; {@code userId} and {@code expiresAt} may be null. */
    public GatewayReply createParcel(String externalId, long doorId, Long userId, Instant expiresAt, ClearCodes codes) {
        return createParcel(new NewParcel(externalId, doorId, userId, expiresAt, codes));
    }
}
