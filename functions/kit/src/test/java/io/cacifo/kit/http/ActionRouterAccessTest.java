package io.cacifo.kit.http;

import com.openfaas.model.IResponse;
import com.openfaas.model.Request;
import io.cacifo.kit.http.ActionRouter.Access;
import io.cacifo.kit.security.EcdsaSigner;
import io.cacifo.kit.security.EcdsaVerifier;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.HmacVerifier;
import io.cacifo.kit.security.KeyPairs;
import io.cacifo.kit.security.RequestSigner;
import io.cacifo.kit.security.SignedHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/api.md "Who may call what", as the router enforces it for every kind of caller. */
class ActionRouterAccessTest {
    private static final KeyPair BACKEND = KeyPairs.ecP256();
    private static final KeyPair STRANGER = KeyPairs.ecP256();
    private final HmacKey internalKey = new HmacKey("i".repeat(40));
    private final HmacKey otherLockerKey = new HmacKey("o".repeat(40));
    private final AtomicInteger runs = new AtomicInteger();
    private final ActionRouter router = ActionRouter.builder("demo")
            .internal(new HmacVerifier(SignedHeaders.functionPrefix("demo"), List.of(internalKey), Clock.systemUTC(), 30))
            .backend(new EcdsaVerifier(SignedHeaders.functionPrefix("demo"), List.of(BACKEND.getPublic()), Clock.systemUTC(), 30))
            .backendOnly("insert", call -> ran())
            .internalOrBackend("get", call -> ran())
            .internalOnly("open", call -> ran())
            .publicAction("sync", call -> ran())
            .build();
    private final ActionRouter tellingRouter = ActionRouter.builder("demo")
            .internal(new HmacVerifier(SignedHeaders.functionPrefix("demo"), List.of(internalKey), Clock.systemUTC(), 30))
            .backend(new EcdsaVerifier(SignedHeaders.functionPrefix("demo"), List.of(BACKEND.getPublic()), Clock.systemUTC(), 30))
            .internalOrBackend("get", call -> Reply.ok(Map.of("by_locker", call.signedByLocker())))
            .publicAction("sync", call -> Reply.ok(Map.of("by_locker", call.signedByLocker())))
            .build();

    private Reply ran() {
        runs.incrementAndGet();
        return Reply.ok(Map.of("ran", true));
    }

    private Map<String, String> signature(String signer, String query, String body) {
        switch (signer) {
            case "none":
                return Map.of();
            case "internal":
                return new RequestSigner(internalKey, Clock.systemUTC()).headers("POST", "/function/demo", query, body);
            case "other-locker":
                return new RequestSigner(otherLockerKey, Clock.systemUTC()).headers("POST", "/function/demo", query, body);
            case "backend":
                return new EcdsaSigner(BACKEND, Clock.systemUTC()).headers("POST", "/function/demo", query, body);
            case "stranger":
                return new EcdsaSigner(STRANGER, Clock.systemUTC()).headers("POST", "/function/demo", query, body);
            case "backend-id-forged":
                // The back-end's public key id, a signature by another key.
                Map<String, String> forged = new TreeMap<>(new EcdsaSigner(STRANGER, Clock.systemUTC())
                        .headers("POST", "/function/demo", query, body));
                forged.put(SignedHeaders.KEY_ID, new EcdsaSigner(BACKEND, Clock.systemUTC()).keyId());
                return forged;
            case "internal-id-forged":
                Map<String, String> hmac = new TreeMap<>(new RequestSigner(otherLockerKey, Clock.systemUTC())
                        .headers("POST", "/function/demo", query, body));
                hmac.put(SignedHeaders.KEY_ID, internalKey.id());
                return hmac;
            default:
                throw new IllegalArgumentException(signer);
        }
    }

    private IResponse send(String action, String signer) {
        String query = "action=" + action;
        String body = "{}";
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(signature(signer, query, body));
        headers.put(ActionRouter.METHOD_HEADER, "POST");
        return router.handle(new Request(body, headers, query, "/"));
    }

    @ParameterizedTest(name = "{0} signed by {1} -> {2}")
    @CsvSource({
            "insert, backend,            200",
            "insert, internal,           401",
            "insert, none,               401",
            "insert, stranger,           401",
            "insert, other-locker,       401",
            "insert, backend-id-forged,  401",
            "insert, internal-id-forged, 401",
            "get,    backend,            200",
            "get,    internal,           200",
            "get,    none,               401",
            "get,    stranger,           401",
            "get,    backend-id-forged,  401",
            "get,    internal-id-forged, 401",
            "open,   internal,           200",
            "open,   backend,            401",
            "open,   none,               401",
            "open,   internal-id-forged, 401",
            "sync,   none,               200",
            "sync,   backend,            200",
            "sync,   stranger,           200",
            "sync,   internal,           200",
            "sync,   internal-id-forged, 401",
    })
    void each_action_takes_exactly_the_signers_the_contract_names(String action, String signer, int status) {
        IResponse reply = send(action, signer);

        assertEquals(status, reply.getStatusCode(), reply.getBody());
        assertEquals(status == 200 ? 1 : 0, runs.get(), "the action ran only when allowed");
        if (status == 401) {
            assertTrue(reply.getBody().contains("\"error\":\"unauthorized\""), reply.getBody());
        }
    }

    @ParameterizedTest(name = "{0} signed by {1} -> by the locker: {2}")
    @CsvSource({
            "sync, none,     false",
            "sync, backend,  false",
            "sync, stranger, false",
            "sync, internal, true",
            "get,  internal, true",
            "get,  backend,  false",
    })
    void an_action_knows_whether_the_locker_itself_signed_the_call(String action, String signer, boolean byLocker) {
        String query = "action=" + action;
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(signature(signer, query, "{}"));
        headers.put(ActionRouter.METHOD_HEADER, "POST");

        IResponse reply = tellingRouter.handle(new Request("{}", headers, query, "/"));

        assertEquals(200, reply.getStatusCode(), reply.getBody());
        assertEquals("{\"by_locker\":" + byLocker + "}", reply.getBody());
    }

    @Test
    void the_locker_s_own_key_on_a_back_end_action_is_refused_and_says_why() {
        IResponse reply = send("insert", "internal");

        assertEquals(401, reply.getStatusCode());
        assertTrue(reply.getBody().contains("does not take a request signed with the locker's internal key"), reply.getBody());
    }

    @Test
    void an_unknown_action_still_needs_a_signature_from_either_signer() {
        assertEquals(401, send("fly", "none").getStatusCode());
        assertEquals(400, send("fly", "internal").getStatusCode());
        assertEquals(400, send("fly", "backend").getStatusCode());
        assertEquals(0, runs.get());
    }

    @Test
    void a_back_end_signed_request_sent_again_is_refused() {
        String query = "action=insert";
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(signature("backend", query, "{}"));
        headers.put(ActionRouter.METHOD_HEADER, "POST");
        Request request = new Request("{}", headers, query, "/");

        assertEquals(200, router.handle(request).getStatusCode());
        IResponse replay = router.handle(request);

        assertEquals(401, replay.getStatusCode(), replay.getBody());
        assertEquals(1, runs.get());
    }

    @Test
    void a_router_refuses_to_build_without_the_verifier_an_action_needs() {
        IllegalStateException noBackend = assertThrows(IllegalStateException.class, () -> ActionRouter.builder("demo")
                .internal(new HmacVerifier("", List.of(internalKey), Clock.systemUTC(), 30))
                .backendOnly("insert", call -> ran())
                .build());
        IllegalStateException noInternal = assertThrows(IllegalStateException.class, () -> ActionRouter.builder("demo")
                .backend(new EcdsaVerifier("", List.of(BACKEND.getPublic()), Clock.systemUTC(), 30))
                .internalOrBackend("get", call -> ran())
                .build());
        IllegalStateException unsaid = assertThrows(IllegalStateException.class,
                () -> ActionRouter.builder("demo").action("get", call -> ran()));

        assertTrue(noBackend.getMessage().contains("insert"), noBackend.getMessage());
        assertTrue(noInternal.getMessage().contains("get"), noInternal.getMessage());
        assertTrue(unsaid.getMessage().contains("who may call"), unsaid.getMessage());
    }

    @Test
    void a_back_end_record_is_changed_by_the_back_end_only_and_read_by_either_side() {
        ActionRouter records = ActionRouter.builder("demo")
                .internal(new HmacVerifier("", List.of(internalKey), Clock.systemUTC(), 30))
                .backend(new EcdsaVerifier("", List.of(BACKEND.getPublic()), Clock.systemUTC(), 30))
                .records(call -> ran(), call -> ran(), call -> ran(), call -> ran(), call -> ran())
                .build();

        for (String change : List.of("insert", "update", "delete")) {
            assertEquals(Access.BACKEND_ONLY, records.accessOf(change), change);
        }
        for (String read : List.of("get", "list")) {
            assertEquals(Access.INTERNAL_OR_BACKEND, records.accessOf(read), read);
        }
    }

    @Test
    void the_router_tells_who_may_call_each_action() {
        assertEquals(Access.BACKEND_ONLY, router.accessOf("insert"));
        assertEquals(Access.INTERNAL_OR_BACKEND, router.accessOf("get"));
        assertEquals(Access.INTERNAL_ONLY, router.accessOf("open"));
        assertEquals(Access.PUBLIC, router.accessOf("sync"));
        assertThrows(IllegalArgumentException.class, () -> router.accessOf("fly"));
    }
}
