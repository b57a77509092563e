package io.cacifo.kit.http;

import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.HmacVerifier;
import io.cacifo.kit.security.RequestSigner;
import io.cacifo.kit.security.SignedHeaders;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The monolith's hop: a GatewayClient call handed to a handler in the same JVM, signed and verified as over HTTP. */
class InProcessDeliveryTest {
    private final HmacKey key = new HmacKey("g".repeat(40));
    private final InProcessDelivery delivery = new InProcessDelivery();
    private final AtomicReference<String> seen = new AtomicReference<>();

    private ActionRouter doorManager() {
        return ActionRouter.signed("door-manager",
                        new HmacVerifier(SignedHeaders.functionPrefix("door-manager"), List.of(key), Clock.systemUTC(), 30))
                .action("set_state", call -> {
                    seen.set(call.request().getQueryRaw() + " " + call.request().getPathRaw() + " "
                            + call.body().text("state", 10));
                    return Reply.ok(Map.of("state", call.body().text("state", 10)));
                })
                .build();
    }

    private GatewayClient signedWith(HmacKey signingKey, Duration timeout) {
        return new GatewayClient(delivery, new RequestSigner(signingKey, Clock.systemUTC()), timeout);
    }

    @Test
    void a_signed_call_reaches_the_handler_as_the_entrypoint_would_hand_it_over() {
        ActionRouter router = doorManager();
        delivery.register("door-manager", router::handle);

        GatewayReply reply = signedWith(key, Duration.ofSeconds(2)).call("door-manager", "set_state", "{\"state\":\"FREE\"}");

        assertEquals(200, reply.status(), reply.body());
        assertEquals(Reach.RAN, reply.reach());
        assertEquals("FREE", reply.fields().text("state", 10));
        assertEquals("action=set_state / FREE", seen.get());
    }

    @Test
    void a_call_signed_with_another_key_is_refused_by_the_handler_as_over_http() {
        ActionRouter router = doorManager();
        delivery.register("door-manager", router::handle);

        GatewayReply reply = signedWith(new HmacKey("x".repeat(40)), Duration.ofSeconds(2))
                .call("door-manager", "set_state", "{\"state\":\"FREE\"}");

        assertEquals(401, reply.status(), reply.body());
        assertEquals(null, seen.get());
    }

    @Test
    void a_function_not_in_this_jvm_is_unavailable_after_the_wake_retries() {
        ApiException unavailable = assertThrows(ApiException.class,
                () -> signedWith(key, Duration.ofMillis(400)).call("door-io", "open", "{}"));

        assertEquals(503, unavailable.status());
        assertEquals("upstream_unavailable", unavailable.error());
    }

    @Test
    void a_handler_that_throws_answers_500_without_the_cause() {
        delivery.register("door-io", request -> {
            throw new IllegalStateException("board key 1234 is broken");
        });

        GatewayReply reply = signedWith(key, Duration.ofSeconds(2)).call("door-io", "open", "{}");

        assertEquals(500, reply.status());
        assertEquals("internal", reply.error());
        assertFalse(reply.body().contains("1234"), reply.body());
    }

    @Test
    void a_registered_function_is_healthy_and_another_is_not() {
        delivery.register("controller", doorManager()::handle);
        GatewayClient client = signedWith(key, Duration.ofSeconds(2));

        assertTrue(client.isHealthy("controller", Duration.ofSeconds(1)));
        assertFalse(client.isHealthy("door-io", Duration.ofSeconds(1)));
    }
}
