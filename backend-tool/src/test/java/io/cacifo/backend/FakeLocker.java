package io.cacifo.backend;

import com.google.gson.JsonObject;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Body;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.CodeEnvelope;
import io.cacifo.kit.security.EcdsaVerifier;
import io.cacifo.kit.testing.FakeHttpServer;
import io.cacifo.kit.testing.FakeHttpServer.Reply;
import io.cacifo.kit.testing.FakeHttpServer.Request;

import java.net.URI;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A locker's gateway as the back-end sees it, over real HTTP on a free port: every call must carry
 * the back-end's ECDSA signature (checked with the kit's {@link EcdsaVerifier}); a reservation-manager
 * insert must carry a codes envelope this locker's private key opens for that external id (the kit's
 * {@link CodeEnvelope}). So a passing test proves the tool and the locker agree on both formats.
 * Other calls are echoed back as {@code {"function","action","body"}}.
 */
final class FakeLocker implements AutoCloseable {
    private final EcdsaVerifier verifier;
    private final PrivateKey lockerKey;
    private final Map<String, JsonObject> parcelCodes = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final FakeHttpServer server;

    FakeLocker(PublicKey backendKey, PrivateKey lockerKey) {
        // The gateway path is signed as is: this server is addressed directly, so no prefix.
        this.verifier = new EcdsaVerifier("", List.of(backendKey), Clock.systemUTC(), 30);
        this.lockerKey = lockerKey;
        this.server = FakeHttpServer.start("fake-locker", this::handle);
    }

    URI gateway() {
        return server.url();
    }

    /** The codes the locker decrypted for a parcel, as it would hash and store them. */
    JsonObject codesOf(String externalId) {
        return parcelCodes.get(externalId);
    }

    /** Every body that reached the locker, in order, whether accepted or not. */
    List<String> receivedBodies() {
        return server.requests().stream().map(request -> request.body).collect(Collectors.toList());
    }

    @Override
    public void close() {
        server.close();
    }

    private Reply handle(Request request) {
        if (!request.path.startsWith("/function/")) {
            return Reply.of(404, "text/plain", "404 page not found");
        }
        try {
            verifier.verify(request.method, request.path, request.query, request.headers, request.body);
            if ("/function/reservation-manager".equals(request.path) && "action=insert".equals(request.query)) {
                return insert(request.body);
            }
            JsonObject echo = new JsonObject();
            echo.addProperty("function", request.path.substring("/function/".length()));
            echo.addProperty("action", request.query);
            echo.addProperty("body", request.body);
            return reply(200, echo);
        } catch (ApiException refused) {
            JsonObject error = new JsonObject();
            error.addProperty("error", refused.error());
            error.addProperty("message", refused.getMessage());
            return reply(refused.status(), error);
        }
    }

    private Reply insert(String text) {
        Body body = Body.parse(text);
        String externalId = body.text("external_id", 64);
        JsonObject codes = CodeEnvelope.fromJson(body.optionalObject("codes_envelope").orElse(null))
                .openObject(lockerKey, externalId);
        if (parcelCodes.putIfAbsent(externalId, codes) != null) {
            throw ApiException.conflict("duplicate", "a record with the same unique value exists");
        }
        JsonObject reservation = new JsonObject();
        reservation.addProperty("id", ids.incrementAndGet());
        reservation.addProperty("external_id", externalId);
        reservation.addProperty("door_id", body.id("door_id"));
        reservation.addProperty("status", "ARRIVING");
        return reply(201, reservation);
    }

    private static Reply reply(int status, JsonObject json) {
        return Reply.of(status, "application/json; charset=utf-8", Json.write(json));
    }
}
