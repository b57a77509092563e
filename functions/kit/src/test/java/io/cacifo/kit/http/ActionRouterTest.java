package io.cacifo.kit.http;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.openfaas.model.IResponse;
import com.openfaas.model.Request;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.HmacVerifier;
import io.cacifo.kit.security.RequestSigner;
import io.cacifo.kit.security.SignedHeaders;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActionRouterTest {
    private final HmacKey key = new HmacKey("r".repeat(40));
    private final RequestSigner signer = new RequestSigner(key, Clock.systemUTC());

    private ActionRouter router(Action action) {
        return ActionRouter.signed("demo", new HmacVerifier(SignedHeaders.functionPrefix("demo"), List.of(key), Clock.systemUTC(), 30))
                .action("echo", action)
                .publicAction("sync", call -> Reply.ok(Map.of("synced", true)))
                .defaultAction("sync")
                .build();
    }

    private Request request(String query, String body, boolean sign, String method) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (sign) {
            headers.putAll(signer.headers("POST", "/function/demo", query, body));
        }
        headers.put(ActionRouter.METHOD_HEADER, method);
        return new Request(body, headers, query, "/");
    }

    @Test
    void a_signed_call_runs_its_action() {
        IResponse reply = router(call -> Reply.created(Map.of("id", call.body().id("id"))))
                .handle(request("action=echo", "{\"id\":3}", true, "POST"));

        assertEquals(201, reply.getStatusCode());
        assertEquals("{\"id\":3}", reply.getBody());
        assertEquals(Replies.JSON, reply.getContentType());
    }

    @Test
    void an_unsigned_call_is_refused_before_the_action_is_even_named() {
        IResponse reply = router(call -> Reply.ok("ran")).handle(request("action=nonsense", "{}", false, "POST"));

        assertEquals(401, reply.getStatusCode());
        assertTrue(reply.getBody().contains("\"error\":\"unauthorized\""), reply.getBody());
    }

    @Test
    void a_public_action_and_the_default_action_need_no_signature() {
        assertEquals(200, router(call -> Reply.ok("x")).handle(request("action=sync", "", false, "POST")).getStatusCode());
        assertEquals(200, router(call -> Reply.ok("x")).handle(request(null, "", false, "POST")).getStatusCode());
    }

    @Test
    void a_router_without_a_default_asks_for_an_action_and_an_unsigned_call_for_a_signature() {
        ActionRouter plain = ActionRouter.signed("demo", new HmacVerifier(SignedHeaders.functionPrefix("demo"), List.of(key), Clock.systemUTC(), 30))
                .action("echo", call -> Reply.ok("x"))
                .build();

        IResponse signed = plain.handle(request(null, "", true, "POST"));
        assertEquals(400, signed.getStatusCode(), signed.getBody());
        assertTrue(signed.getBody().contains("missing_action"), signed.getBody());
        assertEquals(401, plain.handle(request(null, "", false, "POST")).getStatusCode());
    }

    /**
     * The official OpenFaaS java11 entrypoint hands headers over in a plain HashMap, named as the JDK
     * server normalises them: first letter upper case, the rest lower case.
     */
    private Request throughAPlainMap(String query, String body, String method) {
        Map<String, String> headers = new HashMap<>();
        signer.headers("POST", "/function/demo", query, body).forEach((name, value) -> headers.put(jdkName(name), value));
        headers.put("Content-type", "application/json");
        headers.put(jdkName(ActionRouter.METHOD_HEADER), method);
        return new Request(body, headers, query, "/");
    }

    private static String jdkName(String name) {
        return name.substring(0, 1).toUpperCase() + name.substring(1).toLowerCase();
    }

    @Test
    void a_signed_call_is_served_behind_an_entrypoint_that_hands_headers_in_a_plain_map_with_jdk_names() {
        IResponse reply = router(call -> Reply.ok(Map.of("id", call.body().id("id"))))
                .handle(throughAPlainMap("action=echo", "{\"id\":3}", "POST"));
        assertEquals(200, reply.getStatusCode(), reply.getBody());
        assertEquals("{\"id\":3}", reply.getBody());

        IResponse get = router(call -> Reply.ok("x")).handle(throughAPlainMap("action=echo", "", "GET"));
        assertEquals(405, get.getStatusCode(), "the method header is read in any case: " + get.getBody());
    }

    @Test
    void anything_but_post_is_405() {
        assertEquals(405, router(call -> Reply.ok("x")).handle(request("action=echo", "", true, "GET")).getStatusCode());
    }

    @Test
    void an_unknown_action_lists_the_known_ones() {
        IResponse reply = router(call -> Reply.ok("x")).handle(request("action=fly", "", true, "POST"));

        assertEquals(400, reply.getStatusCode());
        assertTrue(reply.getBody().contains("unknown_action") && reply.getBody().contains("echo"), reply.getBody());
    }

    @Test
    void the_database_unreachable_is_503_and_names_no_internals() {
        IResponse reply = router(call -> {
            throw new SQLTransientConnectionException("HikariPool-1 - Connection is not available at 10.62.0.1");
        }).handle(request("action=echo", "", true, "POST"));

        assertEquals(503, reply.getStatusCode());
        assertEquals("{\"error\":\"db_unavailable\",\"message\":\"the locker is temporarily unavailable\"}", reply.getBody());
    }

    @Test
    void a_duplicate_key_is_409_and_a_missing_reference_is_400() {
        assertEquals(409, router(call -> {
            throw new SQLIntegrityConstraintViolationException("Duplicate entry 'x'", "23000", 1062);
        }).handle(request("action=echo", "", true, "POST")).getStatusCode());
        assertEquals(400, router(call -> {
            throw new SQLIntegrityConstraintViolationException("Cannot add or update a child row", "23000", 1452);
        }).handle(request("action=echo", "", true, "POST")).getStatusCode());
    }

    @Test
    void a_deadlock_is_a_503_to_try_again_not_a_500() {
        IResponse reply = router(call -> {
            throw new SQLException("Deadlock found when trying to get lock", "40001", 1213);
        }).handle(request("action=echo", "", true, "POST"));

        assertEquals(503, reply.getStatusCode());
        assertTrue(reply.getBody().contains("\"db_busy\""), reply.getBody());
    }

    @Test
    void a_lock_wait_that_timed_out_is_a_503_to_try_again_like_a_deadlock() {
        IResponse reply = router(call -> {
            throw new SQLException("Lock wait timeout exceeded; try restarting transaction", "HY000", 1205);
        }).handle(request("action=echo", "", true, "POST"));

        assertEquals(503, reply.getStatusCode());
        assertEquals("{\"error\":\"db_busy\",\"message\":\"the locker is busy; try again\"}", reply.getBody());
    }

    @Test
    void a_router_given_its_own_failure_reply_shapes_every_failure_with_it_and_leaves_replies_alone() {
        ActionRouter shaped = ActionRouter.unsigned("kiosk")
                .failureReply((status, error, message) -> Reply.of(status,
                        Map.of("error", error, "message", message, "shown", status < 500 ? "try again" : "come back later")))
                .action("ok", call -> Reply.ok(Map.of("fine", true)))
                .action("refuse", call -> {
                    throw ApiException.badRequest("invalid_field", "no");
                })
                .action("db", call -> {
                    throw new SQLTransientConnectionException("HikariPool-1 - Connection is not available");
                })
                .action("bug", call -> {
                    throw new IllegalStateException("at line 7 of Secret.java");
                })
                .build();

        assertEquals("{\"fine\":true}", shaped.handle(request("action=ok", "", false, "POST")).getBody());
        assertShaped(shaped.handle(request("action=refuse", "", false, "POST")), 400, "invalid_field", "try again");
        assertShaped(shaped.handle(request("action=db", "", false, "POST")), 503, "db_unavailable", "come back later");
        assertShaped(shaped.handle(request("action=bug", "", false, "POST")), 500, "internal", "come back later");
        assertShaped(shaped.handle(request("action=fly", "", false, "POST")), 400, "unknown_action", "try again");
        assertShaped(shaped.handle(request("action=ok", "", false, "GET")), 405, "method_not_allowed", "try again");
    }

    private static void assertShaped(IResponse reply, int status, String error, String shown) {
        assertEquals(status, reply.getStatusCode(), reply.getBody());
        assertEquals(Replies.JSON, reply.getContentType());
        JsonObject body = JsonParser.parseString(reply.getBody()).getAsJsonObject();
        assertEquals(error, body.get("error").getAsString(), reply.getBody());
        assertEquals(shown, body.get("shown").getAsString(), reply.getBody());
        assertFalse(reply.getBody().contains("Secret.java") || reply.getBody().contains("Hikari"), reply.getBody());
    }

    @Test
    void an_unexpected_failure_is_500_without_its_message() {
        IResponse reply = router(call -> {
            throw new SQLException("syntax error near 'SELECT secret FROM keys'");
        }).handle(request("action=echo", "", true, "POST"));

        assertEquals(500, reply.getStatusCode());
        assertFalse(reply.getBody().contains("secret"), reply.getBody());
    }

    @Test
    void a_malformed_query_is_400() {
        ApiException refused = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, () -> Query.parse("action=%zz"));
        assertEquals(400, refused.status());
    }
}
