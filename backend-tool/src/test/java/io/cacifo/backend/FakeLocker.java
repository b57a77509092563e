package io.cacifo.backend;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Body;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.CodeEnvelope;
import io.cacifo.kit.security.EcdsaVerifier;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A locker's gateway as the back-end sees it, over real HTTP on a free port: every call must carry
 * the back-end's ECDSA signature (checked with the kit's {@link EcdsaVerifier}); a reservation-manager
 * insert must carry a codes envelope this locker's private key opens for that external id (the kit's
 * {@link CodeEnvelope}). So a passing test proves the tool and the locker agree on both formats.
 * Other calls are echoed back as {@code {"function","action","body"}}.
 */
final class FakeLocker implements AutoCloseable {
    private final HttpServer server;
    private final EcdsaVerifier verifier;
    private final PrivateKey lockerKey;
    private final Map<String, JsonObject> parcelCodes = new ConcurrentHashMap<>();
    private final List<String> receivedBodies = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    FakeLocker(PublicKey backendKey, PrivateKey lockerKey) throws IOException {
        // The gateway path is signed as is: this server is addressed directly, so no prefix.
        this.verifier = new EcdsaVerifier("", List.of(backendKey), Clock.systemUTC(), 30);
        this.lockerKey = lockerKey;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/function/", this::handle);
        server.start();
    }

    URI gateway() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The codes the locker decrypted for a parcel, as it would hash and store them. */
    JsonObject codesOf(String externalId) {
        return parcelCodes.get(externalId);
    }

    /** Every body that reached the locker, in order, whether accepted or not. */
    List<String> receivedBodies() {
        return receivedBodies;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            receivedBodies.add(body);
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            try {
                verifier.verify(exchange.getRequestMethod(), path, query, headers, body);
                if ("/function/reservation-manager".equals(path) && "action=insert".equals(query)) {
                    insert(exchange, body);
                } else {
                    JsonObject echo = new JsonObject();
                    echo.addProperty("function", path.substring("/function/".length()));
                    echo.addProperty("action", query);
                    echo.addProperty("body", body);
                    reply(exchange, 200, echo);
                }
            } catch (ApiException refused) {
                JsonObject error = new JsonObject();
                error.addProperty("error", refused.error());
                error.addProperty("message", refused.getMessage());
                reply(exchange, refused.status(), error);
            }
        } finally {
            exchange.close();
        }
    }

    private void insert(HttpExchange exchange, String text) throws IOException {
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
        reply(exchange, 201, reservation);
    }

    private static void reply(HttpExchange exchange, int status, JsonObject json) throws IOException {
        byte[] bytes = Json.write(json).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes);
        out.close();
    }
}
