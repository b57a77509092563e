package io.cacifo.reservations;

import com.google.gson.JsonObject;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.CodeEnvelope;
import io.cacifo.kit.security.KeyPairs;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every way a caller can get reservation-manager wrong: a 4xx JSON error naming the mistake, no
 * code echoed, no stack trace, and the database exactly as it was.
 */
class BadInputTest {
    private static final int FREE_DOOR = 9001;
    private static final int OUT_OF_SERVICE_DOOR = 9002;
    private static final int BUSY_DOOR = 9003;
    private static final int OCCUPIED_DOOR = 9004;
    private static final int NO_SUCH_DOOR = 4242;
    /** The ARRIVING parcel in BUSY_DOOR and its codes. */
    private static final String BUSY_EXTERNAL_ID = "busy-parcel";
    private static final String BUSY_DEPOSIT = "9003000001";
    private static final String BUSY_PICKUP = "9003000002";
    private static final String BUSY_BACKUP = "9003000003";
    /** The codes of the valid insert every insert case starts from. */
    private static final String NEW_DEPOSIT = "7100000001";
    private static final String NEW_PICKUP = "7100000002";
    private static final String NEW_BACKUP = "7100000003";
    /** In a body built by {@link #insert}: the codes the test seals into codes_envelope just before sending. */
    private static final String TO_SEAL = "(codes to seal)";
    private static final Set<String> CODE_FIELDS = Set.of("deposit_code", "pickup_code", "backup_code");
    private static final List<String> PLAIN_CODES = List.of(BUSY_DEPOSIT, BUSY_PICKUP, BUSY_BACKUP,
            NEW_DEPOSIT, NEW_PICKUP, NEW_BACKUP);

    private static LockerFixture fixture;
    private static long busyId;

    @BeforeAll
    static void start() throws Exception {
        fixture = new LockerFixture();
        fixture.execute("INSERT INTO doors (id, size, state) VALUES (" + FREE_DOOR + ", 'SMALL', 'FREE'), ("
                + OUT_OF_SERVICE_DOOR + ", 'SMALL', 'OUT_OF_SERVICE'), (" + BUSY_DOOR + ", 'LARGE', 'FREE'), ("
                + OCCUPIED_DOOR + ", 'LARGE', 'OCCUPIED')");
        TestReply busy = fixture.call("insert", LockerFixture.insertBody(BUSY_EXTERNAL_ID, BUSY_DOOR,
                new LockerFixture.Codes(BUSY_DEPOSIT, BUSY_PICKUP, BUSY_BACKUP)));
        assertEquals(201, busy.status(), busy.toString());
        busyId = busy.number("id");
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    /**
     * A valid insert for FREE_DOOR, with {@code changes} applied; a null value removes the field. A
     * change to deposit_code, pickup_code or backup_code changes what is sealed into codes_envelope.
     */
    private static Map<String, Object> insert(Object... changes) {
        Map<String, Object> codes = new LinkedHashMap<>();
        codes.put("deposit_code", NEW_DEPOSIT);
        codes.put("pickup_code", NEW_PICKUP);
        codes.put("backup_code", NEW_BACKUP);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("external_id", "fresh-parcel");
        body.put("door_id", FREE_DOOR);
        body.put(TO_SEAL, codes);
        for (int i = 0; i < changes.length; i += 2) {
            Map<String, Object> target = CODE_FIELDS.contains((String) changes[i]) ? codes : body;
            if (changes[i + 1] == null) {
                target.remove((String) changes[i]);
            } else {
                target.put((String) changes[i], changes[i + 1]);
            }
        }
        return body;
    }

    /** An insert body as sent: the codes sealed for this locker and bound to the external id (or "fresh-parcel"). */
    private static Map<String, Object> sealed(Map<?, ?> body) {
        Map<String, Object> sent = new LinkedHashMap<>();
        body.forEach((k, v) -> sent.put((String) k, v));
        Object codes = sent.remove(TO_SEAL);
        if (codes != null) {
            Object externalId = sent.get("external_id");
            String aad = externalId instanceof String && !((String) externalId).isEmpty() ? (String) externalId : "fresh-parcel";
            sent.put("codes_envelope", CodeEnvelope.seal(TestLocker.lockerPublicKey(), Json.write(codes), aad).toJson());
        }
        return sent;
    }

    /** An envelope for the valid insert, then changed by {@code tamper}. */
    private static Map<String, Object> envelope(java.util.function.Consumer<JsonObject> tamper) {
        Map<String, Object> body = sealed(insert());
        JsonObject envelope = ((JsonObject) body.get("codes_envelope")).deepCopy();
        tamper.accept(envelope);
        body.put("codes_envelope", envelope);
        return body;
    }

    private static String flipped(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[bytes.length / 2] ^= 1;
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** An update of the busy parcel with {@code changes}; {@code "id"} may be overridden too. */
    private static Map<String, Object> update(Object... changes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "BUSY");
        for (int i = 0; i < changes.length; i += 2) {
            body.put((String) changes[i], changes[i + 1]);
        }
        return body;
    }

    /** {@code body} with one more top-level field. */
    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private static Arguments bad(String action, Object body, int status, String error) {
        return Arguments.of(action, body, status, error);
    }

    static Stream<Arguments> cases() {
        BigInteger huge = new BigInteger("99999999999999999999999");
        return Stream.of(
                bad("insert", "{\"external_id\":", 400, "malformed_json"),
                bad("insert", "[1,2]", 400, "malformed_json"),
                bad("insert", "\"just text\"", 400, "malformed_json"),
                bad("insert", Map.of(), 400, "missing_field"),
                bad("insert", insert("backup_code", null), 400, "invalid_envelope"),
                bad("insert", insert(TO_SEAL, null), 400, "missing_field"),
                bad("insert", with(insert(TO_SEAL, null), "codes_envelope", "sealed"), 400, "invalid_field"),
                bad("insert", with(insert(TO_SEAL, null), "codes_envelope", List.of(1)), 400, "invalid_field"),
                bad("insert", with(insert(TO_SEAL, null), "deposit_code", NEW_DEPOSIT), 400, "invalid_field"),
                bad("insert", with(insert(), "backup_code", NEW_BACKUP), 400, "invalid_field"),
                bad("insert", with(insert(TO_SEAL, null), "codes_envelope", Map.of()), 400, "invalid_envelope"),
                bad("insert", envelope(e -> e.addProperty("alg", "RSA1_5+A128CBC")), 400, "invalid_envelope"),
                bad("insert", envelope(e -> e.addProperty("kid", "0000000000000000")), 400, "invalid_envelope"),
                bad("insert", envelope(e -> e.addProperty("kid", "'; DROP TABLE x")), 400, "invalid_envelope"),
                bad("insert", envelope(e -> e.addProperty("iv", "AAAA")), 400, "invalid_envelope"),
                bad("insert", envelope(e -> e.addProperty("ciphertext", "not base64!")), 400, "invalid_envelope"),
                bad("insert", envelope(e -> e.addProperty("ciphertext", flipped(e.get("ciphertext").getAsString()))), 400, "invalid_envelope"),
                bad("insert", envelope(e -> e.addProperty("wrapped_key", flipped(e.get("wrapped_key").getAsString()))), 400, "invalid_envelope"),
                bad("insert", envelope(e -> e.addProperty("wrapped_key", "A".repeat(4000))), 400, "invalid_envelope"),
                bad("insert", envelope(e -> e.remove("iv")), 400, "invalid_envelope"),
                bad("insert", with(envelope(e -> { }), "external_id", "another-parcel"), 400, "invalid_envelope"),
                bad("insert", with(insert(TO_SEAL, null), "codes_envelope", CodeEnvelope.seal(KeyPairs.rsa(2048).getPublic(),
                        "{\"deposit_code\":\"7100000001\",\"pickup_code\":\"7100000002\",\"backup_code\":\"7100000003\"}",
                        "fresh-parcel").toJson()), 400, "invalid_envelope"),
                bad("insert", with(insert(TO_SEAL, null), "codes_envelope", CodeEnvelope.seal(TestLocker.lockerPublicKey(),
                        "[\"7100000001\"]", "fresh-parcel").toJson()), 400, "invalid_envelope"),
                bad("insert", insert("door_id", null), 400, "missing_field"),
                bad("insert", insert("external_id", null), 400, "missing_field"),
                bad("insert", insert("external_id", 42), 400, "invalid_field"),
                bad("insert", insert("external_id", "a b"), 400, "invalid_field"),
                bad("insert", insert("external_id", "x'; DROP TABLE reservations;--"), 400, "invalid_field"),
                bad("insert", insert("external_id", "a".repeat(65)), 400, "invalid_field"),
                bad("insert", insert("external_id", "bell\u0007"), 400, "invalid_field"),
                bad("insert", insert("external_id", "é-accent"), 400, "invalid_field"),
                bad("insert", insert("door_id", "9001"), 400, "invalid_field"),
                bad("insert", insert("door_id", -1), 400, "invalid_field"),
                bad("insert", insert("door_id", 0), 400, "invalid_field"),
                bad("insert", insert("door_id", 1.5), 400, "invalid_field"),
                bad("insert", insert("door_id", 10000), 400, "invalid_field"),
                bad("insert", insert("door_id", huge), 400, "invalid_field"),
                bad("insert", insert("door_id", List.of(FREE_DOOR)), 400, "invalid_field"),
                bad("insert", insert("door_id", NO_SUCH_DOOR), 400, "unknown_reference"),
                bad("insert", insert("user_id", 424242), 400, "unknown_reference"),
                bad("insert", insert("user_id", 0), 400, "invalid_field"),
                bad("insert", insert("user_id", -7), 400, "invalid_field"),
                bad("insert", insert("door_id", OUT_OF_SERVICE_DOOR), 409, "door_unavailable"),
                bad("insert", insert("door_id", BUSY_DOOR), 409, "door_busy"),
                bad("insert", insert("door_id", OCCUPIED_DOOR), 409, "door_busy"),
                bad("insert", insert("deposit_code", "1234567"), 400, "invalid_field"),
                bad("insert", insert("deposit_code", "710000001"), 400, "invalid_field"),
                bad("insert", insert("deposit_code", "71000001"), 400, "invalid_field"),
                bad("insert", insert("deposit_code", "1234567890123"), 400, "invalid_field"),
                bad("insert", insert("deposit_code", "1234abcd"), 400, "invalid_field"),
                bad("insert", insert("deposit_code", "71000 00001"), 400, "invalid_field"),
                bad("insert", insert("deposit_code", "-7100000001"), 400, "invalid_field"),
                bad("insert", insert("deposit_code", "' OR 1=1 --"), 400, "invalid_field"),
                bad("insert", insert("deposit_code", "710000000\u0000"), 400, "invalid_field"),
                bad("insert", insert("deposit_code", "٧١٠٠٠٠٠٠٠١"), 400, "invalid_field"),
                bad("insert", insert("deposit_code", 7100000001L), 400, "invalid_envelope"),
                bad("insert", insert("pickup_code", NEW_DEPOSIT), 400, "invalid_field"),
                bad("insert", insert("backup_code", NEW_PICKUP), 400, "invalid_field"),
                bad("insert", insert("backup_code", BUSY_PICKUP), 409, "duplicate"),
                bad("insert", insert("deposit_code", BUSY_BACKUP), 409, "duplicate"),
                bad("insert", insert("external_id", BUSY_EXTERNAL_ID), 409, "duplicate"),
                bad("insert", insert("expires_at", "tomorrow"), 400, "invalid_field"),
                bad("insert", insert("expires_at", "2026-13-40T00:00:00Z"), 400, "invalid_field"),
                bad("insert", insert("expires_at", "2026-11-26T15:04:05"), 400, "invalid_field"),
                bad("insert", insert("expires_at", "1969-12-31T23:59:59Z"), 400, "invalid_field"),
                bad("insert", insert("expires_at", 1_800_000_000), 400, "invalid_field"),
                bad("update", update(), 400, "nothing_to_update"),
                bad("update", update("id", 424242, "status", "CANCELLED"), 404, "not_found"),
                bad("update", update("id", "1", "status", "CANCELLED"), 400, "invalid_field"),
                bad("update", update("status", "KING"), 400, "invalid_field"),
                bad("update", update("status", "DELIVERED"), 409, "invalid_transition"),
                bad("update", update("status", "IN_STORAGE"), 409, "invalid_transition"),
                bad("update", update("status", "ARRIVING"), 409, "invalid_transition"),
                bad("update", update("door_id", OUT_OF_SERVICE_DOOR), 409, "door_unavailable"),
                bad("update", update("door_id", OCCUPIED_DOOR), 409, "door_busy"),
                bad("update", update("door_id", NO_SUCH_DOOR), 400, "unknown_reference"),
                bad("update", update("user_id", 424242), 400, "unknown_reference"),
                bad("update", update("expires_at", "soon"), 400, "invalid_field"),
                bad("get", Map.of(), 400, "missing_field"),
                bad("get", Map.of("id", -1), 400, "invalid_field"),
                bad("get", Map.of("id", "1"), 400, "invalid_field"),
                bad("get", Map.of("id", 1.5), 400, "invalid_field"),
                bad("get", Map.of("id", huge), 400, "invalid_field"),
                bad("get", Map.of("id", 424242), 404, "not_found"),
                bad("delete", Map.of(), 400, "missing_field"),
                bad("delete", Map.of("id", 424242), 404, "not_found"),
                bad("list", Map.of("limit", 0), 400, "invalid_field"),
                bad("list", Map.of("limit", 501), 400, "invalid_field"),
                bad("list", Map.of("status", "LOST"), 400, "invalid_field"),
                bad("list", Map.of("door_id", -3), 400, "invalid_field"),
                bad("list", Map.of("after_id", -1), 400, "invalid_field"),
                bad("validate", Map.of(), 400, "missing_field"),
                bad("validate", Map.of("code", "123"), 400, "invalid_code"),
                bad("validate", Map.of("code", "12ab5678"), 400, "invalid_code"),
                bad("validate", Map.of("code", "1".repeat(33)), 400, "invalid_code"),
                bad("validate", Map.of("code", "1' OR '1'='1"), 400, "invalid_code"),
                bad("validate", Map.of("code", "9003\n000001"), 400, "invalid_field"),
                bad("validate", Map.of("code", 9003000001L), 400, "invalid_field"),
                bad("validate", Map.of("code", "00000000"), 404, "invalid_code"),
                bad("validate", Map.of("code", BUSY_PICKUP), 409, "not_arrived"),
                bad("validate", Map.of("code", BUSY_BACKUP), 404, "invalid_code"),
                bad("disable", Map.of(), 400, "missing_field"),
                bad("disable", Map.of("code", "abc"), 400, "invalid_code"),
                bad("disable", Map.of("code", List.of(BUSY_DEPOSIT)), 400, "invalid_field"),
                bad("disable", Map.of("code", "00000000"), 404, "invalid_code"),
                bad("disable", Map.of("code", BUSY_PICKUP), 409, "not_arrived"),
                bad("disable", Map.of("code", BUSY_BACKUP), 404, "invalid_code"),
                bad("fly", Map.of(), 400, "unknown_action"),
                bad("DROP TABLE reservations", Map.of(), 400, "unknown_action"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1} -> {2} {3}")
    @MethodSource("cases")
    void bad_input_is_a_4xx_json_error_that_changes_nothing(String action, Object body, int status, String error)
            throws Exception {
        Object sent = body instanceof Map && ((Map<?, ?>) body).containsKey(TO_SEAL) ? sealed((Map<?, ?>) body) : body;
        if (body instanceof Map && "BUSY".equals(((Map<?, ?>) body).get("id"))) {
            Map<String, Object> withId = new LinkedHashMap<>();
            ((Map<?, ?>) body).forEach((k, v) -> withId.put((String) k, v));
            withId.put("id", busyId);
            sent = withId;
        }
        String before = fixture.dump();

        TestReply reply = fixture.call(action, sent);

        assertEquals(status, reply.status(), reply.toString());
        assertEquals(error, reply.error(), reply.toString());
        assertFalse(reply.text("message").isBlank(), reply.toString());
        for (String code : PLAIN_CODES) {
            assertFalse(reply.body().contains(code), "the reply must not echo a code: " + reply);
        }
        assertFalse(reply.body().contains("Exception"), "no stack trace in a reply: " + reply);
        assertEquals(before, fixture.dump(), "the database must not change");
    }
}
