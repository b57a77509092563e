package io.cacifo.e2e.hostile;

import io.cacifo.e2e.hostile.HostileCase.Signer;
import io.cacifo.e2e.hostile.HostileCase.Tweak;
import io.cacifo.kit.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hostile table: for every function and action of docs/api.md, every way to spoil a signature,
 * the locker's own key where only the back-end's is taken (and the reverse), malformed JSON, wrong
 * types, missing fields, SQL-ish and control-character strings, negative and huge ids, unknown
 * actions, other methods and oversized bodies. Each case names the reply it must get.
 *
 * <p>It assumes the devstack's demo data (users 1-3, partners 1-2, doors 1-12, parcels 1-3 with the
 * printed codes), so the signature cases carry bodies that would change something if accepted.
 */
final class HostileCases {
    /** How many cases the table holds: SECURITY.md quotes it, and HostileTableTest holds both to it. */
    static final int COUNT = 1989;
    /**
     * How many of them are accepted with a 200, because their action reads no body (door-manager
     * {@code occupancy}, controller {@code sync}): whatever they carry is ignored, and they change nothing.
     */
    static final int ACCEPTED = 10;
    /** The actions whose body is never read, so a malformed one is no mistake to refuse. */
    static final List<String> BODILESS_ACTIONS = List.of("door-manager?action=occupancy", "controller?action=sync");
    /** docs/api.md "Who may call what". */
    enum Access { BACKEND_ONLY, INTERNAL_OR_BACKEND, INTERNAL_ONLY, PUBLIC }

    static final List<String> SQLISH = List.of(
            "' OR '1'='1",
            "x'; DROP TABLE users;--",
            "1; SELECT SLEEP(5)",
            "\" OR \"\"=\"",
            "%' AND 1=0 UNION SELECT code_hash FROM reservation_codes -- ",
            "\\'; DELETE FROM doors; --",
            "admin'/*",
            "$(reboot)");
    static final List<String> CONTROL = List.of(
            "bell\u0007",
            "nul\u0000byte",
            "esc\u001b[31mred",
            "line\nbreak",
            "tab\tx",
            "del\u007f",
            "nel\u0085");
    /** Bodies that are not one JSON object, or not JSON at all. */
    /** The largest body screen-io reads (docs/api.md, 413). */
    static final int SCREEN_BODY_CAP = 1024;
    static final List<String> MALFORMED = List.of(
            "{",
            "[1,2]",
            "\"text\"",
            "42",
            "{\"id\":1}{",
            "{\"id\":1} trailing",
            "nul",
            "{'id': 1}",
            "{id: 1}",
            "{\"id\": 1,}",
            "{\"id\": NaN}",
            "{\"id\": 1} // comment",
            "\u0000",
            "{\"a\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}",
            "[".repeat(30_000));

    private final List<HostileCase> cases = new ArrayList<>();

    static List<HostileCase> all() {
        HostileCases table = new HostileCases();
        table.userManager();
        table.partnerManager();
        table.doorManager();
        table.reservationManager();
        table.doorIo();
        table.controller();
        table.screenIo();
        return table.cases;
    }

    /** The functions the table attacks, in its order. */
    static List<String> functions() {
        return all().stream().map(hostile -> hostile.function).distinct().collect(java.util.stream.Collectors.toList());
    }

    // ---- per function ---------------------------------------------------------------------------

    private void userManager() {
        String fn = "user-manager";
        signatures(fn, "insert", Access.BACKEND_ONLY, "{\"username\":\"attacker\"}");
        signatures(fn, "update", Access.BACKEND_ONLY, "{\"id\":3,\"full_name\":\"Attacker\"}");
        signatures(fn, "delete", Access.BACKEND_ONLY, "{\"id\":2}");
        signatures(fn, "get", Access.INTERNAL_OR_BACKEND, "{\"id\":3}");
        signatures(fn, "list", Access.INTERNAL_OR_BACKEND, "{}");
        queries(fn, "list", Access.INTERNAL_OR_BACKEND, false);
        for (String action : List.of("insert", "update", "delete", "get", "list")) {
            malformed(fn, action, access(action));
        }
        add("missing username", fn, "insert", Access.BACKEND_ONLY, "{}", 400, "missing_field");
        add("null username", fn, "insert", Access.BACKEND_ONLY, "{\"username\":null}", 400, "missing_field");
        for (String bad : concat(SQLISH, CONTROL, List.of("", "   ", "a".repeat(65), "émile"))) {
            add("username", fn, "insert", Access.BACKEND_ONLY, json("username", bad), 400, "invalid_field");
        }
        // JSON escapes written out, so the function parses them: a lone surrogate, an escaped NUL.
        add("lone surrogate username", fn, "insert", Access.BACKEND_ONLY, "{\"username\":\"\\ud800\"}", 400, "invalid_field");
        add("escaped NUL username", fn, "insert", Access.BACKEND_ONLY, "{\"username\":\"a\\u0000b\"}", 400, "invalid_field");
        add("lone surrogate full_name", fn, "update", Access.BACKEND_ONLY, "{\"id\":999999,\"full_name\":\"\\udc00x\"}", 404, "not_found");
        wrongTypes(fn, "insert", Access.BACKEND_ONLY, Map.of(), "username");
        for (String bad : CONTROL) {
            add("full_name", fn, "insert", Access.BACKEND_ONLY, json("username", "fine.user", "full_name", bad), 400, "invalid_field");
        }
        for (String bad : SQLISH) {
            add("email", fn, "insert", Access.BACKEND_ONLY, json("username", "fine.user", "email", bad), 400, "invalid_field");
        }
        for (Object bad : List.of("ADMIN", "SYSTEM", "'; DROP TABLE users;--", 1)) {
            add("role", fn, "insert", Access.BACKEND_ONLY, json("username", "fine.user", "role", bad), 400, "invalid_field");
        }
        for (String sqlish : concat(SQLISH, List.of("ünïcödé ✓", "emoji 📦"))) {
            // Free text a name may hold: it reaches SQL (as a bound value) and the user is not found.
            add("free-text full_name", fn, "update", Access.BACKEND_ONLY, json("id", 999_999, "full_name", sqlish), 404, "not_found");
        }
        add("nothing to update", fn, "update", Access.BACKEND_ONLY, json("id", 999_999), 400, "nothing_to_update");
        add("system user", fn, "delete", Access.BACKEND_ONLY, json("id", 1), 409, "protected");
        for (String action : List.of("update", "delete", "get")) {
            ids(fn, action, access(action), "id", Map.of("full_name", "X"), true);
            add("unknown id", fn, action, access(action), json("id", 999_999, "full_name", "X"), 404, "not_found");
        }
        listPaging(fn);
    }

    private void partnerManager() {
        String fn = "partner-manager";
        signatures(fn, "insert", Access.BACKEND_ONLY, "{\"name\":\"Attacker Lda\"}");
        signatures(fn, "update", Access.BACKEND_ONLY, "{\"id\":1,\"name\":\"Attacker Lda\"}");
        signatures(fn, "delete", Access.BACKEND_ONLY, "{\"id\":2}");
        signatures(fn, "get", Access.INTERNAL_OR_BACKEND, "{\"id\":1}");
        signatures(fn, "list", Access.INTERNAL_OR_BACKEND, "{}");
        queries(fn, "list", Access.INTERNAL_OR_BACKEND, false);
        for (String action : List.of("insert", "update", "delete", "get", "list")) {
            malformed(fn, action, access(action));
        }
        add("missing name", fn, "insert", Access.BACKEND_ONLY, "{}", 400, "missing_field");
        for (String bad : concat(CONTROL, List.of("", "a".repeat(129)))) {
            add("name", fn, "insert", Access.BACKEND_ONLY, json("name", bad), 400, "invalid_field");
        }
        wrongTypes(fn, "insert", Access.BACKEND_ONLY, Map.of(), "name");
        for (String bad : SQLISH) {
            add("contact_email", fn, "insert", Access.BACKEND_ONLY, json("name", "Fine Lda", "contact_email", bad), 400, "invalid_field");
            add("free-text name", fn, "update", Access.BACKEND_ONLY, json("id", 999_999, "name", bad), 404, "not_found");
        }
        add("duplicate name", fn, "insert", Access.BACKEND_ONLY, json("name", "Livraria Demo"), 409, "duplicate");
        add("partner with doors", fn, "delete", Access.BACKEND_ONLY, json("id", 1), 409, "in_use");
        add("nothing to update", fn, "update", Access.BACKEND_ONLY, json("id", 999_999), 400, "nothing_to_update");
        for (String action : List.of("update", "delete", "get")) {
            ids(fn, action, access(action), "id", Map.of("name", "X"), true);
            add("unknown id", fn, action, access(action), json("id", 999_999, "name", "X"), 404, "not_found");
        }
        listPaging(fn);
    }

    private void doorManager() {
        String fn = "door-manager";
        signatures(fn, "insert", Access.BACKEND_ONLY, "{\"id\":13,\"size\":\"SMALL\"}");
        signatures(fn, "update", Access.BACKEND_ONLY, "{\"id\":12,\"size\":\"SMALL\"}");
        signatures(fn, "delete", Access.BACKEND_ONLY, "{\"id\":12}");
        signatures(fn, "set_state", Access.BACKEND_ONLY, "{\"id\":12,\"state\":\"OUT_OF_SERVICE\"}");
        signatures(fn, "get", Access.INTERNAL_OR_BACKEND, "{\"id\":12}");
        signatures(fn, "list", Access.INTERNAL_OR_BACKEND, "{}");
        signatures(fn, "occupancy", Access.INTERNAL_OR_BACKEND, "{}");
        // A genuine report would take door 12 out of service: the dump would show it.
        signatures(fn, "report_fault", Access.INTERNAL_ONLY, "{\"door_id\":12,\"reason\":\"jammed\"}");
        queries(fn, "occupancy", Access.INTERNAL_OR_BACKEND, false);
        for (String action : List.of("insert", "update", "delete", "set_state", "get", "list")) {
            malformed(fn, action, access(action));
        }
        for (String body : MALFORMED.subList(0, 4)) {
            // occupancy takes no body: whatever is sent is not read (docs/api.md, occupancy: —).
            add("ignored body", fn, "occupancy", Access.INTERNAL_OR_BACKEND, body, 200, null);
        }
        add("missing id", fn, "insert", Access.BACKEND_ONLY, json("size", "SMALL"), 400, "missing_field");
        add("missing size", fn, "insert", Access.BACKEND_ONLY, json("id", 13), 400, "missing_field");
        for (Object bad : concat(SQLISH, List.of("HUGE", "small door", 3, true))) {
            add("size", fn, "insert", Access.BACKEND_ONLY, json("id", 13, "size", bad), 400, "invalid_field");
            add("state", fn, "insert", Access.BACKEND_ONLY, json("id", 13, "size", "SMALL", "state", bad), 400, "invalid_field");
            add("state", fn, "set_state", Access.BACKEND_ONLY, json("id", 12, "state", bad), 400, "invalid_field");
            add("size", fn, "update", Access.BACKEND_ONLY, json("id", 12, "size", bad), 400, "invalid_field");
            add("state filter", fn, "list", Access.INTERNAL_OR_BACKEND, json("state", bad), 400, "invalid_field");
        }
        ids(fn, "insert", Access.BACKEND_ONLY, "partner_id", Map.of("id", 13, "size", "SMALL"), false);
        add("unknown partner", fn, "insert", Access.BACKEND_ONLY, json("id", 13, "size", "SMALL", "partner_id", 999_999), 400, "unknown_reference");
        add("existing door", fn, "insert", Access.BACKEND_ONLY, json("id", 12, "size", "SMALL"), 409, "duplicate");
        add("door with a parcel", fn, "delete", Access.BACKEND_ONLY, json("id", 1), 409, "in_use");
        add("missing state", fn, "set_state", Access.BACKEND_ONLY, json("id", 12), 400, "missing_field");
        add("nothing to update", fn, "update", Access.BACKEND_ONLY, json("id", 12), 400, "nothing_to_update");
        for (String action : List.of("insert", "update", "delete", "set_state", "get")) {
            doorIds(fn, action, access(action), "id", Map.of("size", "SMALL", "state", "FREE"));
        }
        for (String action : List.of("update", "delete", "set_state", "get")) {
            add("door the board lacks", fn, action, access(action), json("id", 9998, "size", "SMALL", "state", "FREE"), 404, "not_found");
        }
        listPaging(fn);
    }

    private void reservationManager() {
        String fn = "reservation-manager";
        signatures(fn, "insert", Access.BACKEND_ONLY,
                "{\"external_id\":\"attack-parcel\",\"door_id\":12,\"codes_envelope\":\"@envelope:attack-parcel\"}");
        signatures(fn, "update", Access.BACKEND_ONLY, "{\"id\":1,\"status\":\"CANCELLED\"}");
        signatures(fn, "delete", Access.BACKEND_ONLY, "{\"id\":2}");
        signatures(fn, "get", Access.INTERNAL_OR_BACKEND, "{\"id\":1}");
        signatures(fn, "list", Access.INTERNAL_OR_BACKEND, "{}");
        signatures(fn, "validate", Access.INTERNAL_OR_BACKEND, "{\"code\":\"1000000005\"}");
        // A genuine disable of this code would deposit demo parcel 2: the dump would show it.
        signatures(fn, "disable", Access.INTERNAL_OR_BACKEND, "{\"code\":\"1000000005\"}");
        // A genuine move would give demo parcel 1 another door: the dump would show it.
        signatures(fn, "move", Access.INTERNAL_ONLY, "{\"reservation_id\":1,\"from_door_id\":1}");
        // The deadline sweep is the controller's alone; with no parcel due, a genuine one changes nothing either.
        signatures(fn, "deadlines", Access.INTERNAL_ONLY, "{}");
        queries(fn, "list", Access.INTERNAL_OR_BACKEND, false);
        // support_open's own calls: a genuine mark of a journaled support opening would move a parcel.
        signatures(fn, "support_mark", Access.INTERNAL_ONLY,
                "{\"reservation_id\":1,\"status\":\"RETURNED\",\"operation_id\":1,\"ticket\":\"T-1\"}");
        signatures(fn, "behind_door", Access.INTERNAL_ONLY, "{\"door_id\":12}");
        add("a support mark of an opening never journaled", fn, "support_mark", Access.INTERNAL_ONLY,
                "{\"reservation_id\":1,\"status\":\"RETURNED\",\"operation_id\":999999,\"ticket\":\"T-1\"}", 404, "not_found");
        for (String action : List.of("insert", "update", "delete", "get", "list", "validate", "disable")) {
            malformed(fn, action, access(action));
        }
        Access b = Access.BACKEND_ONLY;
        String envelope = "\"@envelope:fresh-1\"";
        add("nothing", fn, "insert", b, "{}", 400, "missing_field");
        for (String bad : concat(SQLISH, CONTROL, List.of("", "a".repeat(65), "a b"))) {
            add("external_id", fn, "insert", b, "{\"external_id\":" + Json.write(bad) + ",\"door_id\":12,\"codes_envelope\":" + envelope + "}",
                    400, "invalid_field");
        }
        wrongTypes(fn, "insert", b, Map.of("door_id", 12), "external_id");
        doorIds(fn, "insert", b, "door_id", Map.of("external_id", "fresh-1"));
        ids(fn, "insert", b, "user_id", Map.of("external_id", "fresh-1", "door_id", 12), false);
        for (Object bad : concat(SQLISH, List.of("tomorrow", "2026-13-40T00:00:00Z", "1969-12-31T23:59:59Z", 1_800_000_000))) {
            add("expires_at", fn, "insert", b, json("external_id", "fresh-1", "door_id", 12, "expires_at", bad), 400, "invalid_field");
        }
        add("no envelope", fn, "insert", b, json("external_id", "fresh-1", "door_id", 12), 400, "missing_field");
        for (String field : List.of("deposit_code", "pickup_code", "backup_code")) {
            add("a code in clear", fn, "insert", b, "{\"external_id\":\"fresh-1\",\"door_id\":12,\"codes_envelope\":" + envelope
                    + ",\"" + field + "\":\"1234567890\"}", 400, "invalid_field");
        }
        for (Object bad : List.of("sealed", 7, true, List.of(1))) {
            add("envelope type", fn, "insert", b, json("external_id", "fresh-1", "door_id", 12, "codes_envelope", bad), 400, "invalid_field");
        }
        List<Map<String, Object>> badEnvelopes = List.of(
                Map.of(),
                Map.of("alg", "RSA1_5+A128CBC", "kid", "0000000000000000", "wrapped_key", "AAAA", "iv", "AAAAAAAAAAAAAAAA", "ciphertext", "AAAA"),
                Map.of("alg", "RSA-OAEP-256+A256GCM", "kid", "' OR 1=1 --", "wrapped_key", "AAAA", "iv", "AAAAAAAAAAAAAAAA", "ciphertext", "AAAA"),
                Map.of("alg", "RSA-OAEP-256+A256GCM", "kid", "0000000000000000", "wrapped_key", "AAAA", "iv", "AAAAAAAAAAAAAAAA",
                        "ciphertext", "AAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                Map.of("alg", "RSA-OAEP-256+A256GCM", "kid", "0000000000000000", "wrapped_key", "not base64!", "iv", "x", "ciphertext", "y"),
                Map.of("alg", "RSA-OAEP-256+A256GCM", "kid", "0000000000000000", "wrapped_key", "A".repeat(40_000),
                        "iv", "AAAAAAAAAAAAAAAA", "ciphertext", "AAAA"));
        for (Map<String, Object> bad : badEnvelopes) {
            add("envelope", fn, "insert", b, json("external_id", "fresh-1", "door_id", 12, "codes_envelope", bad), 400, "invalid_envelope");
        }
        add("envelope of another parcel", fn, "insert", b,
                "{\"external_id\":\"fresh-1\",\"door_id\":12,\"codes_envelope\":\"@envelope:another-parcel\"}", 400, "invalid_envelope");
        add("duplicate external id", fn, "insert", b,
                "{\"external_id\":\"DEMO-0001\",\"door_id\":12,\"codes_envelope\":\"@envelope:DEMO-0001\"}", 409, "duplicate");
        add("busy door", fn, "insert", b,
                "{\"external_id\":\"fresh-1\",\"door_id\":5,\"codes_envelope\":\"@envelope:fresh-1\"}", 409, "door_busy");
        add("door the locker lacks", fn, "insert", b,
                "{\"external_id\":\"fresh-1\",\"door_id\":9998,\"codes_envelope\":\"@envelope:fresh-1\"}", 400, "unknown_reference");
        for (Object bad : concat(SQLISH, List.of("DELIVERED", "ARRIVING", 3))) {
            int status = "DELIVERED".equals(bad) || "ARRIVING".equals(bad) ? 409 : 400;
            add("status", fn, "update", b, json("id", 1, "status", bad), status, status == 409 ? "invalid_transition" : "invalid_field");
            if (status == 400) {
                add("status filter", fn, "list", Access.INTERNAL_OR_BACKEND, json("status", bad), 400, "invalid_field");
            }
        }
        add("nothing to update", fn, "update", b, json("id", 1), 400, "nothing_to_update");
        for (String action : List.of("update", "delete", "get")) {
            ids(fn, action, access(action), "id", Map.of("status", "CANCELLED"), true);
            add("unknown id", fn, action, access(action), json("id", 999_999, "status", "CANCELLED"), 404, "not_found");
        }
        for (String action : List.of("validate", "disable")) {
            Access ib = Access.INTERNAL_OR_BACKEND;
            add("missing code", fn, action, ib, "{}", 400, "missing_field");
            for (String bad : concat(SQLISH, List.of("123", "1".repeat(33), "12ab567890", "-1000000005", "10000 00005"))) {
                add("code", fn, action, ib, json("code", bad), 400, "invalid_code");
            }
            for (String bad : concat(CONTROL, List.of(""))) {
                add("code", fn, action, ib, json("code", bad), 400, "invalid_field");
            }
            wrongTypes(fn, action, ib, Map.of(), "code");
            add("a code that opens nothing", fn, action, ib, json("code", "0000000000"), 404, "invalid_code");
            add("a pick-up code before deposit", fn, action, ib, json("code", "2000000001"), 409, "not_arrived");
        }
        listPaging(fn);
    }

    private void doorIo() {
        String fn = "door-io";
        Access i = Access.INTERNAL_ONLY;
        // A genuine open would open door 12 on the lock board: the test checks every door is closed.
        signatures(fn, "open", i, "{\"door_id\":12}");
        signatures(fn, "close", i, "{\"door_id\":12,\"timeout_ms\":0}");
        signatures(fn, "status", i, "{\"door_id\":12}");
        queries(fn, "status", i, false);
        for (String action : List.of("open", "close", "status")) {
            malformed(fn, action, i);
            add("missing door", fn, action, i, "{}", 400, "missing_field");
            doorIds(fn, action, i, "door_id", Map.of("timeout_ms", 0));
            add("door the board lacks", fn, action, i, json("door_id", 9998, "timeout_ms", 0), 404, "not_found");
            for (String bad : SQLISH) {
                add("door_id text", fn, action, i, json("door_id", bad), 400, "invalid_field");
            }
        }
        for (Object bad : List.of(-1, "5", 1.5, 9_007_199_254_740_993L, true)) {
            add("timeout_ms", fn, "close", i, json("door_id", 12, "timeout_ms", bad), 400, "invalid_field");
        }
    }

    private void controller() {
        String fn = "controller";
        Access i = Access.INTERNAL_ONLY;
        // A genuine enter of door 9's deposit code would open it and journal the operation.
        signatures(fn, "enter", i, "{\"code\":\"1000000009\"}");
        queries(fn, "enter", i, true);
        malformed(fn, "enter", i);
        add("missing code", fn, "enter", i, "{}", 400, "missing_field");
        for (String bad : CONTROL) {
            add("code", fn, "enter", i, json("code", bad), 400, "invalid_field");
        }
        for (String bad : SQLISH) {
            add("code", fn, "enter", i, json("code", bad), 400, "invalid_code");
        }
        wrongTypes(fn, "enter", i, Map.of(), "code");
        add("a code that opens nothing", fn, "enter", i, json("code", "0000000000"), 404, "invalid_code");
        // A genuine support_open of door 12 would open it and journal the operation.
        Access b = Access.BACKEND_ONLY;
        signatures(fn, "support_open", b, "{\"door_id\":12,\"reason\":\"attack\",\"ticket\":\"T-1\"}");
        malformed(fn, "support_open", b);
        add("no reason", fn, "support_open", b, json("door_id", 12, "ticket", "T-1"), 400, "missing_field");
        for (String bad : concat(SQLISH, CONTROL, List.of("", "a".repeat(65), "a b"))) {
            add("ticket", fn, "support_open", b, json("door_id", 12, "reason", "x", "ticket", bad), 400, "invalid_field");
        }
        add("mark", fn, "support_open", b, json("door_id", 12, "reason", "x", "ticket", "T-1", "mark", "LOST"), 400, "invalid_field");
        doorIds(fn, "support_open", b, "door_id", Map.of("reason", "x", "ticket", "T-1"));
        add("a door the locker lacks", fn, "support_open", b, json("door_id", 9998, "reason", "x", "ticket", "T-1"), 404, "not_found");
        add("a mark with no stored parcel behind the door", fn, "support_open", b,
                json("door_id", 12, "reason", "x", "ticket", "T-1", "mark", "RETURNED"), 409, "invalid_transition");
        for (String body : MALFORMED.subList(0, 4)) {
            // sync is cron-connector's: no signature, no body read, and nothing to send here.
            add("ignored body", fn, "sync", Access.PUBLIC, body, 200, null);
        }
    }

    private void screenIo() {
        String fn = "screen-io";
        Access p = Access.PUBLIC;
        queries(fn, "enter", p, false);
        for (String body : MALFORMED) {
            // docs/api.md: screen-io reads at most 1 KiB; a longer body is refused before it is parsed.
            if (body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > SCREEN_BODY_CAP) {
                add("malformed JSON over the screen's cap", fn, "enter", p, body, 413, "payload_too_large");
            } else {
                add("malformed JSON", fn, "enter", p, body, 400, "malformed_json");
            }
        }
        add("a code padded past the screen's cap", fn, "enter", p,
                json("code", "0000000000", "screen_id", "main", "pad", "x".repeat(SCREEN_BODY_CAP)), 413, "payload_too_large");
        // Nothing that reaches the wrong-code count: an unknown screen is refused before it.
        for (String bad : concat(SQLISH, CONTROL, List.of("lobby", "MAIN", "screen-2", "simulator2", "", "a".repeat(65)))) {
            add("screen_id", fn, "enter", p, json("code", "0000000000", "screen_id", bad), 400, "invalid_field");
        }
        for (String code : concat(SQLISH, CONTROL, List.of("1000000001", "0000000000"))) {
            add("code on an unknown screen", fn, "enter", p, json("code", code, "screen_id", "guesser-1"), 400, "invalid_field");
        }
        wrongTypes(fn, "enter", p, Map.of("code", "0000000000"), "screen_id");
        add("missing code", fn, "enter", p, json("screen_id", "main"), 400, "missing_field");
        add("null code", fn, "enter", p, "{\"code\":null,\"screen_id\":\"simulator\"}", 400, "missing_field");
        add("unknown screen, no code", fn, "enter", p, json("screen_id", "lobby"), 400, "invalid_field");
    }

    // ---- case families ------------------------------------------------------------------------

    /** Every way to spoil a signature, each 401: the body is one that would change something if accepted. */
    private void signatures(String fn, String action, Access access, String attackBody) {
        String q = "action=" + action;
        Signer natural = access == Access.BACKEND_ONLY ? Signer.BACKEND : Signer.INTERNAL;
        sig("unsigned", fn, q, attackBody, Signer.NONE, Tweak.NONE);
        sig("an EC key the locker does not know", fn, q, attackBody, Signer.STRANGER_EC, Tweak.NONE);
        sig("an HMAC key the locker does not know", fn, q, attackBody, Signer.STRANGER_HMAC, Tweak.NONE);
        for (Signer accepted : accepted(access)) {
            sig("forged", fn, q, attackBody, accepted, Tweak.FORGED);
            sig("stale", fn, q, attackBody, accepted, Tweak.STALE);
            sig("from the future", fn, q, attackBody, accepted, Tweak.FUTURE);
        }
        sig("body swapped", fn, q, attackBody, natural, Tweak.BODY_SWAPPED);
        sig("query swapped", fn, q, attackBody, natural, Tweak.QUERY_SWAPPED);
        sig("signed for another function", fn, q, attackBody, natural, Tweak.OTHER_FUNCTION);
        sig("malformed signature", fn, q, attackBody, natural, Tweak.MALFORMED_SIGNATURE);
        sig("no nonce", fn, q, attackBody, natural, Tweak.NO_NONCE);
        sig("malformed nonce", fn, q, attackBody, natural, Tweak.BAD_NONCE);
        sig("no timestamp", fn, q, attackBody, natural, Tweak.NO_TIMESTAMP);
        sig("replayed", fn, q, "{}", natural, Tweak.REPLAY);
        if (access == Access.BACKEND_ONLY) {
            sig("the locker's own key on a back-end action", fn, q, attackBody, Signer.INTERNAL, Tweak.NONE);
        }
        if (access == Access.INTERNAL_ONLY) {
            sig("the back-end's key on a locker-only action", fn, q, attackBody, Signer.BACKEND, Tweak.NONE);
        }
    }

    private void sig(String name, String fn, String query, String body, Signer signer, Tweak tweak) {
        cases.add(new HostileCase("signature: " + name, fn, "POST", query, body, signer, tweak, 401, "unauthorized"));
    }

    /** Unknown and malformed actions, a missing one, other methods, an oversized body. */
    private void queries(String fn, String someAction, Access access, boolean hasDefault) {
        Signer signer = natural(access);
        addRaw("unknown action", fn, "POST", "action=fly", "{}", signer, 400, "unknown_action");
        addRaw("SQL as action", fn, "POST", "action=DROP%20TABLE%20users", "{}", signer, 400, "unknown_action");
        addRaw("quote as action", fn, "POST", "action=%27%20OR%201%3D1--", "{}", signer, 400, "unknown_action");
        addRaw("empty action", fn, "POST", "action=", "{}", signer, 400, "unknown_action");
        addRaw("control character as action", fn, "POST", "action=get%00", "{}", signer, 400, "unknown_action");
        if (!hasDefault) {
            addRaw("no action", fn, "POST", null, "{}", signer, 400, "missing_action");
        }
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
            addRaw("method " + method, fn, method, "action=" + someAction, "{}", signer, 405, "method_not_allowed");
        }
        String oversized = "{\"pad\":\"" + "x".repeat(70_000) + "\"}";
        addRaw("oversized body", fn, "POST", "action=" + someAction, oversized, signer, 413, "payload_too_large");
        addRaw("oversized body, unsigned", fn, "POST", "action=" + someAction, oversized, Signer.NONE, 413, "payload_too_large");
    }

    private void malformed(String fn, String action, Access access) {
        for (String body : MALFORMED) {
            add("malformed JSON", fn, action, access, body, 400, "malformed_json");
        }
    }

    /** Ids up to 2^53-1: negative, zero, past the range, not whole, not numbers; null is a missing field. */
    private void ids(String fn, String action, Access access, String field, Map<String, Object> others, boolean required) {
        for (Object bad : List.of(-1, 0, -9_223_372_036_854_775_807L - 1, 9_007_199_254_740_992L, "9223372036854775807",
                new java.math.BigInteger("9223372036854775808"), new java.math.BigInteger("99999999999999999999999999"),
                new java.math.BigDecimal("1e400"), 1.5, -0.5, "1", "' OR 1=1", true, List.of(1), Map.of("id", 1))) {
            Map<String, Object> body = new LinkedHashMap<>(others);
            body.put(field, bad);
            add(field, fn, action, access, Json.write(body), 400, "invalid_field");
        }
        if (required) {
            Map<String, Object> body = new LinkedHashMap<>(others);
            add("missing " + field, fn, action, access, Json.write(body), 400, "missing_field");
            add("null " + field, fn, action, access, Json.write(body).replaceFirst("\\{", "{\"" + field + "\":null,")
                    .replace(",}", "}"), 400, "missing_field");
        }
    }

    /** Door numbers are 1-9999 on the lock board. */
    private void doorIds(String fn, String action, Access access, String field, Map<String, Object> others) {
        for (Object bad : List.of(-1, 0, 10_000, 2_147_483_648L, -2_147_483_649L, new java.math.BigInteger("99999999999999999999"),
                1.5, "12", true, List.of(12))) {
            Map<String, Object> body = new LinkedHashMap<>(others);
            body.put(field, bad);
            add(field, fn, action, access, Json.write(body), 400, "invalid_field");
        }
    }

    /** A field of the wrong JSON type: number, boolean, array, object. */
    private void wrongTypes(String fn, String action, Access access, Map<String, Object> others, String field) {
        for (Object bad : List.of(42, true, List.of("x"), Map.of("x", 1))) {
            Map<String, Object> body = new LinkedHashMap<>(others);
            body.put(field, bad);
            add(field + " of the wrong type", fn, action, access, Json.write(body), 400, "invalid_field");
        }
    }

    private void listPaging(String fn) {
        Access ib = Access.INTERNAL_OR_BACKEND;
        for (Object bad : List.of(-1, "1", 1.5, 9_007_199_254_740_992L, "' OR 1=1")) {
            add("after_id", fn, "list", ib, json("after_id", bad), 400, "invalid_field");
        }
        for (Object bad : List.of(0, -5, 501, "10", 2.5, true)) {
            add("limit", fn, "list", ib, json("limit", bad), 400, "invalid_field");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private void add(String name, String fn, String action, Access access, String body, int status, String error) {
        addRaw(name, fn, "POST", "action=" + action, body, natural(access), status, error);
        if (access == Access.INTERNAL_OR_BACKEND && cases.size() % 3 == 0) {
            // Reads take either signer; every third such case goes in signed by the back-end as well.
            addRaw(name, fn, "POST", "action=" + action, body, Signer.BACKEND, status, error);
        }
    }

    private void addRaw(String name, String fn, String method, String query, String body, Signer signer, int status, String error) {
        cases.add(new HostileCase(name, fn, method, query, body, signer, Tweak.NONE, status, error));
    }

    private static Signer natural(Access access) {
        switch (access) {
            case BACKEND_ONLY:
                return Signer.BACKEND;
            case PUBLIC:
                return Signer.NONE;
            default:
                return Signer.INTERNAL;
        }
    }

    private static List<Signer> accepted(Access access) {
        switch (access) {
            case BACKEND_ONLY:
                return List.of(Signer.BACKEND);
            case INTERNAL_OR_BACKEND:
                return List.of(Signer.INTERNAL, Signer.BACKEND);
            case INTERNAL_ONLY:
                return List.of(Signer.INTERNAL);
            default:
                return List.of();
        }
    }

    private static Access access(String action) {
        return List.of("insert", "update", "delete", "set_state").contains(action) ? Access.BACKEND_ONLY : Access.INTERNAL_OR_BACKEND;
    }

    private static String json(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return Json.write(body);
    }

    @SafeVarargs
    private static <T> List<T> concat(List<? extends T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<? extends T> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
