package io.cacifo.kit.http;

import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.HmacVerifier;
import io.cacifo.kit.security.RequestSigner;
import io.cacifo.kit.security.SignedHeaders;
import io.cacifo.kit.testing.FakeHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The gateway client against a real HTTP server standing in for the gateway. */
class GatewayClientTest {
    private final HmacKey key = new HmacKey("g".repeat(40));
    private final AtomicReference<String> seen = new AtomicReference<>();
    private FakeHttpServer gateway;
    private GatewayClient client;

    @BeforeEach
    void start() {
        HmacVerifier doorManager = new HmacVerifier(SignedHeaders.functionPrefix("door-manager"), List.of(key), Clock.systemUTC(), 30);
        gateway = FakeHttpServer.start("fake-gateway", request -> {
            if (!request.path.equals("/function/door-manager")) {
                return FakeHttpServer.Reply.of(404, "text/plain", "Not Found");
            }
            int status = 200;
            try {
                // As the gateway does, the function sees "/" and the query.
                doorManager.verify("POST", "/", request.query, request.headers, request.body);
                seen.set(request.query + " " + request.body);
            } catch (ApiException refused) {
                status = 401;
            }
            return FakeHttpServer.Reply.json(status, "{\"state\":\"FREE\"}");
        });
        client = new GatewayClient(gateway.url(), new RequestSigner(key, Clock.systemUTC()), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void a_call_is_signed_so_the_function_accepts_it() {
        GatewayReply reply = client.call("door-manager", "set_state", "{\"id\":4,\"state\":\"FREE\"}");

        assertEquals(200, reply.status(), reply.body());
        assertEquals("FREE", reply.json().get("state").getAsString());
        assertEquals("action=set_state {\"id\":4,\"state\":\"FREE\"}", seen.get());
    }

    @Test
    void the_functions_refusal_comes_back_as_a_reply_not_an_exception() {
        GatewayClient stranger = new GatewayClient(gateway.url(),
                new RequestSigner(new HmacKey("x".repeat(40)), Clock.systemUTC()), Duration.ofSeconds(2));

        assertEquals(401, stranger.call("door-manager", "get", Map.of("id", 4)).status());
    }

    @Test
    void an_unreachable_gateway_is_a_503() {
        gateway.close();

        ApiException down = assertThrows(ApiException.class, () -> client.call("door-manager", "get", Map.of()));

        assertEquals(503, down.status());
        assertEquals("upstream_unavailable", down.error());
    }

    @Test
    void names_that_could_bend_the_url_are_refused_before_sending() {
        assertThrows(IllegalArgumentException.class, () -> client.call("../system", "get", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> client.call("door-manager", "get&x=1", Map.of()));
        assertDoesNotThrow(() -> client.call("door-manager", "set_state", Map.of()));
    }

    @Test
    void a_function_is_healthy_only_when_its_health_probe_answers_200() {
        try (FakeHttpServer probed = FakeHttpServer.start("fake-gateway-health", request -> {
            if (request.method.equals("GET") && request.path.equals("/function/controller/health")) {
                return FakeHttpServer.Reply.json(200, "{\"status\":\"ok\"}");
            }
            // What faasd's gateway passes on from of-watchdog when the JVM does not listen yet.
            return FakeHttpServer.Reply.empty(500).with("X-OpenFaaS-Internal", "of-watchdog");
        })) {
            GatewayClient probe = new GatewayClient(probed.url(), new RequestSigner(key, Clock.systemUTC()), Duration.ofSeconds(2));
            assertEquals(true, probe.isHealthy("controller", Duration.ofSeconds(1)));
            assertEquals(false, probe.isHealthy("door-io", Duration.ofSeconds(1)));
        }
        int closedPort = gateway.port();
        gateway.close();
        GatewayClient nobody = new GatewayClient(java.net.URI.create("http://127.0.0.1:" + closedPort),
                new RequestSigner(key, Clock.systemUTC()), Duration.ofSeconds(2));
        assertEquals(false, nobody.isHealthy("controller", Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> nobody.isHealthy("../system", Duration.ofSeconds(1)));
    }
}
