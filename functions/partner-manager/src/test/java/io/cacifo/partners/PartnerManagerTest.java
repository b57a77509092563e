package io.cacifo.partners;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.openfaas.function.Handler;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** partner-manager against a real MariaDB, through its Handler, with signed requests. */
class PartnerManagerTest {
    private static TestLocker locker;
    private static Handler handler;

    @BeforeAll
    static void start() {
        locker = TestLocker.create("partner-manager");
        handler = new Handler(locker.services());
    }

    @AfterAll
    static void stop() throws Exception {
        locker.close();
    }

    private static TestReply call(String action, Object body) {
        return TestLocker.send(handler, locker.signedAsContract(action, body));
    }

    private static long insertPartner(String name) {
        TestReply created = call("insert", Map.of("name", name));
        assertEquals(201, created.status(), created.toString());
        return created.number("id");
    }

    @Test
    void an_inserted_partner_can_be_read_back() {
        TestReply created = call("insert", Map.of("name", "Loja Azul", "contact_email", "ops@lojaazul.pt"));

        assertEquals(201, created.status(), created.toString());
        assertTrue(created.contentType().startsWith("application/json"));
        long id = created.number("id");
        TestReply got = call("get", Map.of("id", id));
        assertEquals(200, got.status(), got.toString());
        assertEquals(id, got.number("id"));
        assertEquals("Loja Azul", got.text("name"));
        assertEquals("ops@lojaazul.pt", got.text("contact_email"));
        assertTrue(got.text("created_at").endsWith("Z"), got.toString());
        assertTrue(got.text("updated_at").endsWith("Z"), got.toString());
    }

    @Test
    void a_partner_without_a_contact_email_replies_it_as_null() {
        TestReply created = call("insert", Map.of("name", "No Mail Lda"));

        assertEquals(201, created.status(), created.toString());
        assertTrue(created.json().has("contact_email"), created.toString());
        assertNull(created.text("contact_email"));
    }

    @Test
    void surrounding_spaces_are_not_part_of_the_name() {
        TestReply created = call("insert", Map.of("name", "  Spaced Out  "));

        assertEquals(201, created.status(), created.toString());
        assertEquals("Spaced Out", created.text("name"));
    }

    @Test
    void a_name_that_looks_like_sql_is_stored_as_plain_text() throws Exception {
        String name = "Robert'); DROP TABLE partners;--";

        TestReply created = call("insert", Map.of("name", name));

        assertEquals(201, created.status(), created.toString());
        assertEquals(name, call("get", Map.of("id", created.number("id"))).text("name"));
        assertEquals("1", locker.database().scalar(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'partners'"));
    }

    @Test
    void an_update_changes_only_the_fields_given() {
        long id = call("insert", Map.of("name", "Before Rename", "contact_email", "keep@example.org")).number("id");

        TestReply updated = call("update", Map.of("id", id, "name", "After Rename"));

        assertEquals(200, updated.status(), updated.toString());
        assertEquals("After Rename", updated.text("name"));
        assertEquals("keep@example.org", updated.text("contact_email"));
        TestReply mailed = call("update", Map.of("id", id, "contact_email", "new@example.org"));
        assertEquals(200, mailed.status(), mailed.toString());
        assertEquals("After Rename", mailed.text("name"));
        assertEquals("new@example.org", mailed.text("contact_email"));
    }

    @Test
    void a_deleted_partner_is_gone() {
        long id = insertPartner("Short Lived");

        TestReply deleted = call("delete", Map.of("id", id));

        assertEquals(200, deleted.status(), deleted.toString());
        assertEquals(id, deleted.number("deleted"));
        assertEquals(404, call("get", Map.of("id", id)).status());
        assertEquals(404, call("delete", Map.of("id", id)).status());
    }

    @Test
    void list_pages_through_partners_in_id_order() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(insertPartner("Page Partner " + i));
        }

        TestReply first = call("list", Map.of("after_id", ids.get(0) - 1, "limit", 2));
        assertEquals(200, first.status(), first.toString());
        assertEquals(List.of(ids.get(0), ids.get(1)), idsOf(first.array("partners")));
        TestReply next = call("list", Map.of("after_id", ids.get(1), "limit", 500));
        assertEquals(200, next.status(), next.toString());
        assertEquals(ids.get(2), idsOf(next.array("partners")).get(0));
        TestReply all = call("list", Map.of());
        assertEquals(200, all.status(), all.toString());
        assertTrue(idsOf(all.array("partners")).containsAll(ids), all.toString());
    }

    @Test
    void a_second_partner_with_the_same_name_is_a_conflict_and_stores_nothing() throws Exception {
        insertPartner("Twice Lda");
        String before = locker.database().dump();

        TestReply again = call("insert", Map.of("name", "Twice Lda"));

        assertEquals(409, again.status(), again.toString());
        assertEquals("duplicate", again.error());
        assertEquals(before, locker.database().dump());
    }

    @Test
    void renaming_a_partner_to_a_taken_name_is_a_conflict_and_changes_nothing() throws Exception {
        insertPartner("Taken Name");
        long id = insertPartner("Free Name");
        String before = locker.database().dump();

        TestReply renamed = call("update", Map.of("id", id, "name", "Taken Name"));

        assertEquals(409, renamed.status(), renamed.toString());
        assertEquals("duplicate", renamed.error());
        assertEquals(before, locker.database().dump());
    }

    @Test
    void a_partner_that_still_owns_doors_cannot_be_deleted() throws Exception {
        long id = insertPartner("Door Owner");
        locker.database().execute("INSERT INTO doors (id, size, partner_id) VALUES (41, 'SMALL', " + id + ")");
        String before = locker.database().dump();

        TestReply refused = call("delete", Map.of("id", id));

        assertEquals(409, refused.status(), refused.toString());
        assertEquals("in_use", refused.error());
        assertEquals("partner " + id + " still owns doors; move or delete them first", refused.text("message"));
        assertEquals(before, locker.database().dump());

        locker.database().execute("DELETE FROM doors WHERE id = 41");
        assertEquals(200, call("delete", Map.of("id", id)).status());
    }

    static Stream<Arguments> badInput() {
        String tooLong = "n".repeat(129);
        return Stream.of(
                arguments("insert", "{}", 400, "missing_field"),
                arguments("insert", "{\"name\": null}", 400, "missing_field"),
                arguments("insert", "{\"name\": 42}", 400, "invalid_field"),
                arguments("insert", "{\"name\": true}", 400, "invalid_field"),
                arguments("insert", "{\"name\": [\"Loja\"]}", 400, "invalid_field"),
                arguments("insert", "{\"name\": {\"text\": \"Loja\"}}", 400, "invalid_field"),
                arguments("insert", "{\"name\": \"\"}", 400, "invalid_field"),
                arguments("insert", "{\"name\": \"   \"}", 400, "invalid_field"),
                arguments("insert", "{\"name\": \"" + tooLong + "\"}", 400, "invalid_field"),
                arguments("insert", "{\"name\": \"bell\\u0007\"}", 400, "invalid_field"),
                arguments("insert", "{\"name\": \"nul\\u0000byte\"}", 400, "invalid_field"),
                arguments("insert", "{\"name\": \"line\\nbreak\"}", 400, "invalid_field"),
                arguments("insert", "{\"name\": \"ok\", \"contact_email\": \"no-at\"}", 400, "invalid_field"),
                arguments("insert", "{\"name\": \"ok\", \"contact_email\": \"x'; DROP TABLE partners;--\"}", 400, "invalid_field"),
                arguments("insert", "{\"name\": \"ok\", \"contact_email\": 7}", 400, "invalid_field"),
                arguments("insert", "[1,2]", 400, "malformed_json"),
                arguments("insert", "\"just a string\"", 400, "malformed_json"),
                arguments("insert", "{\"name\":", 400, "malformed_json"),
                arguments("insert", "not json at all", 400, "malformed_json"),
                arguments("update", "{\"name\": \"x\"}", 400, "missing_field"),
                arguments("update", "{\"id\": 999999}", 400, "nothing_to_update"),
                arguments("update", "{\"id\": 999999, \"name\": \"x\"}", 404, "not_found"),
                arguments("update", "{\"id\": \"1 OR 1=1\", \"name\": \"x\"}", 400, "invalid_field"),
                arguments("update", "{\"id\": 1, \"contact_email\": \"\"}", 400, "invalid_field"),
                arguments("get", "{}", 400, "missing_field"),
                arguments("get", "{\"id\": null}", 400, "missing_field"),
                arguments("get", "{\"id\": -1}", 400, "invalid_field"),
                arguments("get", "{\"id\": 0}", 400, "invalid_field"),
                arguments("get", "{\"id\": \"1\"}", 400, "invalid_field"),
                arguments("get", "{\"id\": 1.5}", 400, "invalid_field"),
                arguments("get", "{\"id\": true}", 400, "invalid_field"),
                arguments("get", "{\"id\": 9007199254740992}", 400, "invalid_field"),
                arguments("get", "{\"id\": 99999999999999999999999}", 400, "invalid_field"),
                arguments("get", "{\"id\": 424242}", 404, "not_found"),
                arguments("delete", "{}", 400, "missing_field"),
                arguments("delete", "{\"id\": -7}", 400, "invalid_field"),
                arguments("delete", "{\"id\": 424242}", 404, "not_found"),
                arguments("list", "{\"limit\": 0}", 400, "invalid_field"),
                arguments("list", "{\"limit\": 501}", 400, "invalid_field"),
                arguments("list", "{\"limit\": \"10\"}", 400, "invalid_field"),
                arguments("list", "{\"after_id\": -1}", 400, "invalid_field"),
                arguments("list", "{\"after_id\": \"0; DELETE FROM partners\"}", 400, "invalid_field"),
                arguments("fly", "{}", 400, "unknown_action"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @MethodSource("badInput")
    void bad_input_is_a_4xx_json_error_and_changes_nothing(String action, String body, int status, String error)
            throws Exception {
        String before = locker.database().dump();

        TestReply reply = call(action, body);

        assertEquals(status, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/json"));
        assertEquals(error, reply.error(), reply.toString());
        assertFalse(reply.text("message").isBlank());
        assertEquals(before, locker.database().dump(), "the database must not change");
    }

    @Test
    void a_call_without_an_action_is_refused() {
        TestReply reply = TestLocker.send(handler, locker.signedFor("partner-manager", "", Map.of("name", "x")));

        assertEquals(400, reply.status(), reply.toString());
        assertEquals("missing_action", reply.error());
    }

    @Test
    void an_action_that_looks_like_sql_is_an_unknown_action() throws Exception {
        String before = locker.database().dump();
        String query = "action=" + URLEncoder.encode("list; DROP TABLE partners;--", StandardCharsets.UTF_8);

        TestReply reply = TestLocker.send(handler, locker.signedFor("partner-manager", query, Map.of()));

        assertEquals(400, reply.status(), reply.toString());
        assertEquals("unknown_action", reply.error());
        assertEquals(before, locker.database().dump());
    }

    @Test
    void an_unsigned_insert_is_refused_and_stores_nothing() throws Exception {
        String before = locker.database().dump();

        TestReply reply = TestLocker.send(handler, locker.unsigned("insert", Map.of("name", "Intruder Lda")));

        assertEquals(401, reply.status(), reply.toString());
        assertEquals("unauthorized", reply.error());
        assertEquals(before, locker.database().dump());
    }

    @Test
    void a_request_signed_for_another_function_is_refused() {
        TestReply reply = TestLocker.send(handler,
                locker.signedFor("door-manager", "action=list", Map.of()));

        assertEquals(401, reply.status(), reply.toString());
        assertEquals("unauthorized", reply.error());
    }

    @Test
    void the_same_signed_request_sent_twice_is_refused_the_second_time() throws Exception {
        var request = locker.backendSigned("insert", Map.of("name", "Replayed Lda"));
        assertEquals(201, TestLocker.send(handler, request).status());
        String before = locker.database().dump();

        TestReply replay = TestLocker.send(handler, request);

        assertEquals(401, replay.status(), replay.toString());
        assertEquals("unauthorized", replay.error());
        assertEquals(before, locker.database().dump());
    }

    private static List<Long> idsOf(JsonArray rows) {
        List<Long> ids = new ArrayList<>();
        for (JsonElement row : rows) {
            ids.add(row.getAsJsonObject().get("id").getAsLong());
        }
        return ids;
    }

    @ParameterizedTest(name = "{0} signed by the locker")
    @CsvSource(delimiter = '|', value = {
            "insert | {\"name\": \"By Locker Lda\"}",
            "update | {\"id\": 1, \"name\": \"Renamed Lda\"}",
            "delete | {\"id\": 1}",
    })
    void a_back_end_only_action_signed_with_the_locker_s_own_key_is_refused_and_changes_nothing(String action, String body)
            throws Exception {
        locker.database().execute("INSERT IGNORE INTO partners (id, name) VALUES (1, 'Existing Lda')");
        String before = locker.database().dump();

        TestReply reply = TestLocker.send(handler, locker.signed(action, body));

        assertEquals(401, reply.status(), reply.toString());
        assertEquals("unauthorized", reply.error());
        assertEquals(before, locker.database().dump());
    }

    @Test
    void a_read_is_served_to_the_locker_and_to_the_back_end() {
        assertEquals(200, TestLocker.send(handler, locker.signed("list", Map.of())).status());
        assertEquals(200, TestLocker.send(handler, locker.backendSigned("list", Map.of())).status());
    }
}
