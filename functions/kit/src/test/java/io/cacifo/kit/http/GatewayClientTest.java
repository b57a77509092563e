package io.cacifo.kit.http;

import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.HmacVerifier;
import io.cacifo.kit.security.RequestSigner;
import io.cacifo.kit.security.SignedHeaders;
import io.cacifo.kit.config.Timeouts;
import io.cacifo.kit.testing.FaasdReplies;
import io.cacifo.kit.testing.FakeHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** faasd's replies by a short name, for the tables below; "own500" is the function's own failure. */
    private static FakeHttpServer.Reply failure(String name) {
        switch (name) {
            case "watchdog500":
                return FaasdReplies.jvmNotAnswering();
            case "proxy500":
                return FaasdReplies.cannotReachService("door-manager");
            case "gateway502":
                return FaasdReplies.gatewayBadGateway();
            case "noEndpoints503":
                return FaasdReplies.noEndpoints("door-manager");
            case "watchdog504":
                // of-watchdog after exec_timeout: the handler ran all along.
                return FakeHttpServer.Reply.empty(504).with("X-OpenFaaS-Internal", "of-watchdog");
            case "own500":
                return FakeHttpServer.Reply.json(500, "{\"error\":\"internal\",\"message\":\"the function failed\"}");
            default:
                throw new IllegalArgumentException(name);
        }
    }

    /** A gateway whose door-manager answers {@code failure} twice, then 200. */
    private static FakeHttpServer failingTwice(FakeHttpServer.Reply failure) {
        AtomicInteger calls = new AtomicInteger();
        return FakeHttpServer.start("fake-gateway-starting", request -> calls.incrementAndGet() <= 2
                ? failure : FakeHttpServer.Reply.json(200, "{\"state\":\"FREE\"}"));
    }

    @ParameterizedTest(name = "{0} twice, idempotent={1}: {2} request(s), then {3}")
    @CsvSource({
            // Provably never reached a handler: every call is sent again.
            "noEndpoints503, false, 3, 200",
            "noEndpoints503, true,  3, 200",
            // Maybe reached (the JVM not listening yet, or dying mid-call): only a call safe to repeat.
            "watchdog500,    false, 1, 500",
            "watchdog500,    true,  3, 200",
            "proxy500,       false, 1, 500",
            "proxy500,       true,  3, 200",
            "gateway502,     false, 1, 502",
            "gateway502,     true,  3, 200",
            // The handler ran: never sent again.
            "own500,         false, 1, 500",
            "own500,         true,  1, 500",
            "watchdog504,    true,  1, 504",
    })
    void a_call_is_sent_again_only_when_it_never_reached_a_handler_or_is_safe_to_repeat(String failure,
            boolean idempotent, int requests, int status) {
        try (FakeHttpServer starting = failingTwice(failure(failure))) {
            GatewayClient through = new GatewayClient(starting.url(), new RequestSigner(key, Clock.systemUTC()), Duration.ofSeconds(2));

            GatewayReply reply = idempotent
                    ? through.callIdempotent("door-manager", "list", Map.of())
                    : through.call("door-manager", "list", Map.of());

            assertEquals(status, reply.status(), reply.body());
            assertEquals(requests, starting.requests().size(), "requests sent: " + starting.requests());
        }
    }

    @Test
    void each_attempt_is_signed_afresh() {
        try (FakeHttpServer starting = failingTwice(FaasdReplies.jvmNotAnswering())) {
            GatewayClient through = new GatewayClient(starting.url(), new RequestSigner(key, Clock.systemUTC()), Duration.ofSeconds(2));

            assertEquals(200, through.callIdempotent("door-manager", "list", Map.of()).status());
            List<String> nonces = starting.requests().stream().map(r -> r.headers.get(SignedHeaders.NONCE)).collect(Collectors.toList());
            assertEquals(3, nonces.stream().distinct().count(), "nonces: " + nonces);
        }
    }

    @Test
    void a_gateway_that_listens_only_after_a_moment_gets_the_call_that_could_not_connect() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CompletableFuture<FakeHttpServer> late = CompletableFuture.supplyAsync(
                () -> FakeHttpServer.startOn("fake-gateway-late", port, request -> FakeHttpServer.Reply.json(200, "{\"state\":\"FREE\"}")),
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
        GatewayClient through = new GatewayClient(URI.create("http://127.0.0.1:" + port),
                new RequestSigner(key, Clock.systemUTC()), Duration.ofSeconds(2));
        try {
            // Not idempotent: a refused connection never reached anything, so even this call is sent again.
            GatewayReply reply = through.call("door-manager", "set_state", Map.of("id", 4, "state", "FREE"));

            assertEquals(200, reply.status(), reply.body());
            assertEquals(1, late.get(5, TimeUnit.SECONDS).requests().size());
        } finally {
            late.get(5, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void retries_end_within_the_wake_budget_and_never_outlast_the_call_s_own_timeout() {
        try (FakeHttpServer asleep = FakeHttpServer.start("fake-gateway-asleep", request -> FaasdReplies.noEndpoints("door-manager"))) {
            GatewayClient patient = new GatewayClient(asleep.url(), new RequestSigner(key, Clock.systemUTC()), Duration.ofSeconds(20));
            long start = System.nanoTime();
            GatewayReply reply = patient.call("door-manager", "list", Map.of());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(503, reply.status(), "the last answer comes back as it was");
            assertTrue(asleep.requests().size() > 2, "requests: " + asleep.requests().size());
            assertTrue(took.compareTo(Timeouts.WAKE_RETRY.plusMillis(500)) < 0, "took " + took);

            asleep.forget();
            GatewayClient hurried = new GatewayClient(asleep.url(), new RequestSigner(key, Clock.systemUTC()), Duration.ofMillis(700));
            start = System.nanoTime();
            hurried.callIdempotent("door-manager", "list", Map.of());
            took = Duration.ofNanos(System.nanoTime() - start);

            assertTrue(took.compareTo(Duration.ofMillis(700)) < 0, "a 700 ms call took " + took);
            assertTrue(asleep.requests().size() > 1, "requests: " + asleep.requests().size());
        }
    }
}
