package io.cacifo.doors;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
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

/**
 * door-manager's door actions against a real MariaDB, through its Handler, with signed requests.
 * The tests share one database, so each uses its own door numbers; occupancy, which counts every
 * door, is in {@link DoorOccupancyTest} with a fresh database per test.
 */
class DoorManagerTest {
    private static TestLocker locker;
    private static Handler handler;

    @BeforeAll
    static void start() {
        locker = TestLocker.create("door-manager");
        handler = new Handler(locker.services());
    }

    @AfterAll
    static void stop() throws Exception {
        locker.close();
    }

    private static TestReply call(String action, Object body) {
        return TestLocker.send(handler, locker.signedAsContract(action, body));
    }

    private static void insertDoor(int id, String size) {
        insertDoor(id, size, "FREE");
    }

    private static void insertDoor(int id, String size, String state) {
        TestReply created = call("insert", Map.of("id", id, "size", size, "state", state));
        assertEquals(201, created.status(), created.toString());
    }

    /** Partners belong to partner-manager; here they are only rows to point at. */
    private static long insertPartner(String name) throws Exception {
        locker.database().execute("INSERT INTO partners (name) VALUES ('" + name + "')");
        return Long.parseLong(locker.database().scalar("SELECT id FROM partners WHERE name = '" + name + "'"));
    }

    @Test
    void an_inserted_door_can_be_read_back() throws Exception {
        long partner = insertPartner("Door Reader Lda");

        TestReply created = call("insert", Map.of("id", 12, "size", "LARGE", "partner_id", partner));

        assertEquals(201, created.status(), created.toString());
        assertTrue(created.contentType().startsWith("application/json"));
        TestReply got = call("get", Map.of("id", 12));
        assertEquals(200, got.status(), got.toString());
        assertEquals(12, got.number("id"));
        assertEquals("LARGE", got.text("size"));
        assertEquals(partner, got.number("partner_id"));
        assertEquals("FREE", got.text("state"));
        assertTrue(got.text("created_at").endsWith("Z"), got.toString());
        assertTrue(got.text("updated_at").endsWith("Z"), got.toString());
    }

    @Test
    void a_door_without_a_partner_or_state_is_free_and_owned_by_nobody() {
        TestReply created = call("insert", Map.of("id", 13, "size", "small"));

        assertEquals(201, created.status(), created.toString());
        assertEquals("SMALL", created.text("size"));
        assertEquals("FREE", created.text("state"));
        assertTrue(created.json().has("partner_id"), created.toString());
        assertNull(created.text("partner_id"));
    }

    @Test
    void a_door_can_be_inserted_out_of_service() {
        TestReply created = call("insert", Map.of("id", 14, "size", "EXTRA_LARGE", "state", "OUT_OF_SERVICE"));

        assertEquals(201, created.status(), created.toString());
        assertEquals("OUT_OF_SERVICE", created.text("state"));
    }

    @Test
    void the_lowest_and_highest_board_numbers_are_doors() {
        insertDoor(1, "SMALL");
        insertDoor(Door.MAX_ID, "SMALL");

        assertEquals(200, call("get", Map.of("id", 1)).status());
        assertEquals(200, call("get", Map.of("id", 9999)).status());
    }

    @Test
    void an_update_changes_only_the_fields_given() throws Exception {
        long partner = insertPartner("Door Updater Lda");
        insertDoor(15, "SMALL");

        TestReply resized = call("update", Map.of("id", 15, "size", "MEDIUM"));
        assertEquals(200, resized.status(), resized.toString());
        assertEquals("MEDIUM", resized.text("size"));
        assertNull(resized.text("partner_id"));

        TestReply owned = call("update", Map.of("id", 15, "partner_id", partner));
        assertEquals(200, owned.status(), owned.toString());
        assertEquals("MEDIUM", owned.text("size"));
        assertEquals(partner, owned.number("partner_id"));
        assertEquals("FREE", owned.text("state"));
    }

    @Test
    void a_deleted_door_is_gone() {
        insertDoor(16, "SMALL");

        TestReply deleted = call("delete", Map.of("id", 16));

        assertEquals(200, deleted.status(), deleted.toString());
        assertEquals(16, deleted.number("deleted"));
        assertEquals(404, call("get", Map.of("id", 16)).status());
        assertEquals(404, call("delete", Map.of("id", 16)).status());
    }

    @ParameterizedTest(name = "set_state {0}")
    @CsvSource({"OCCUPIED", "OUT_OF_SERVICE", "FREE", "occupied"})
    void set_state_moves_a_door_to_the_state_given(String state) throws Exception {
        insertDoor(17, "SMALL");
        try {
            TestReply moved = call("set_state", Map.of("id", 17, "state", state));

            assertEquals(200, moved.status(), moved.toString());
            assertEquals(state.toUpperCase(), moved.text("state"));
            assertEquals(state.toUpperCase(), locker.database().scalar("SELECT state FROM doors WHERE id = 17"));
        } finally {
            locker.database().execute("DELETE FROM doors WHERE id = 17");
        }
    }

    @Test
    void list_pages_through_doors_in_number_order() {
        for (int id = 101; id <= 103; id++) {
            insertDoor(id, "MEDIUM");
        }

        TestReply first = call("list", Map.of("after_id", 100, "limit", 2));
        assertEquals(200, first.status(), first.toString());
        assertEquals(List.of(101L, 102L), idsOf(first.array("doors")));
        TestReply next = call("list", Map.of("after_id", 102, "limit", 1));
        assertEquals(200, next.status(), next.toString());
        assertEquals(List.of(103L), idsOf(next.array("doors")));
        TestReply all = call("list", Map.of());
        assertEquals(200, all.status(), all.toString());
        assertTrue(idsOf(all.array("doors")).containsAll(List.of(101L, 102L, 103L)), all.toString());
    }

    @Test
    void list_keeps_only_doors_of_the_state_and_size_asked_for() {
        insertDoor(201, "SMALL");
        insertDoor(202, "SMALL", "OCCUPIED");
        insertDoor(203, "LARGE");
        insertDoor(204, "LARGE", "OUT_OF_SERVICE");

        assertEquals(List.of(201L), doorsBetween200And299(Map.of("state", "FREE", "size", "SMALL")));
        assertEquals(List.of(201L, 203L), doorsBetween200And299(Map.of("state", "free")));
        assertEquals(List.of(203L, 204L), doorsBetween200And299(Map.of("size", "LARGE")));
        assertEquals(List.of(204L), doorsBetween200And299(Map.of("state", "OUT_OF_SERVICE")));
        assertEquals(List.of(), doorsBetween200And299(Map.of("state", "OCCUPIED", "size", "LARGE")));
        JsonArray filtered = call("list", Map.of("state", "OCCUPIED")).array("doors");
        for (JsonElement door : filtered) {
            assertEquals("OCCUPIED", door.getAsJsonObject().get("state").getAsString(), filtered.toString());
        }
    }

    private static List<Long> doorsBetween200And299(Map<String, Object> filters) {
        Map<String, Object> body = new java.util.HashMap<>(filters);
        body.put("after_id", 200);
        body.put("limit", 500);
        TestReply reply = call("list", body);
        assertEquals(200, reply.status(), reply.toString());
        List<Long> ids = new ArrayList<>();
        for (long id : idsOf(reply.array("doors"))) {
            if (id < 300) {
                ids.add(id);
            }
        }
        return ids;
    }

    @Test
    void a_second_door_with_the_same_number_is_a_conflict_and_changes_nothing() throws Exception {
        insertDoor(18, "SMALL");
        String before = locker.database().dump();

        TestReply again = call("insert", Map.of("id", 18, "size", "LARGE"));

        assertEquals(409, again.status(), again.toString());
        assertEquals("duplicate", again.error());
        assertFalse(again.text("message").isBlank());
        assertEquals(before, locker.database().dump());
    }

    @Test
    void a_door_for_an_unknown_partner_is_refused_and_stores_nothing() throws Exception {
        String before = locker.database().dump();

        TestReply reply = call("insert", Map.of("id", 19, "size", "SMALL", "partner_id", 424242));

        assertEquals(400, reply.status(), reply.toString());
        assertEquals("unknown_reference", reply.error());
        assertEquals(before, locker.database().dump());
    }

    @Test
    void moving_a_door_to_an_unknown_partner_is_refused_and_changes_nothing() throws Exception {
        insertDoor(20, "SMALL");
        String before = locker.database().dump();

        TestReply reply = call("update", Map.of("id", 20, "size", "LARGE", "partner_id", 424242));

        assertEquals(400, reply.status(), reply.toString());
        assertEquals("unknown_reference", reply.error());
        assertEquals(before, locker.database().dump());
    }

    @Test
    void a_door_that_holds_a_parcel_cannot_be_deleted() throws Exception {
        insertDoor(21, "SMALL");
        locker.database().execute("INSERT INTO reservations (external_id, door_id, status) VALUES ('door21-parcel', 21, 'IN_STORAGE')");
        String before = locker.database().dump();

        TestReply refused = call("delete", Map.of("id", 21));

        assertEquals(409, refused.status(), refused.toString());
        assertEquals("in_use", refused.error());
        assertEquals("door 21 still has parcels; delete them first", refused.text("message"));
        assertEquals(before, locker.database().dump());

        locker.database().execute("DELETE FROM reservations WHERE external_id = 'door21-parcel'");
        assertEquals(200, call("delete", Map.of("id", 21)).status());
    }

    @Test
    void a_door_with_a_finished_parcel_in_its_history_cannot_be_deleted_either() throws Exception {
        insertDoor(22, "SMALL");
        locker.database().execute("INSERT INTO reservations (external_id, door_id, status) VALUES ('door22-parcel', 22, 'DELIVERED')");
        locker.database().execute("INSERT INTO door_operations (door_id, reservation_id, code_kind, state, started_at, finished_at)"
                + " SELECT 22, id, 'PICKUP', 'DONE', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) FROM reservations WHERE external_id = 'door22-parcel'");
        String before = locker.database().dump();

        TestReply refused = call("delete", Map.of("id", 22));

        assertEquals(409, refused.status(), refused.toString());
        assertEquals("in_use", refused.error());
        assertEquals(before, locker.database().dump());
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                arguments("insert", "{}", 400, "missing_field"),
                arguments("insert", "{\"id\": 7}", 400, "missing_field"),
                arguments("insert", "{\"size\": \"SMALL\"}", 400, "missing_field"),
                arguments("insert", "{\"id\": 0, \"size\": \"SMALL\"}", 400, "invalid_field"),
                arguments("insert", "{\"id\": -4, \"size\": \"SMALL\"}", 400, "invalid_field"),
                arguments("insert", "{\"id\": 10000, \"size\": \"SMALL\"}", 400, "invalid_field"),
                arguments("insert", "{\"id\": 2147483648, \"size\": \"SMALL\"}", 400, "invalid_field"),
                arguments("insert", "{\"id\": 99999999999999999999999, \"size\": \"SMALL\"}", 400, "invalid_field"),
                arguments("insert", "{\"id\": \"7\", \"size\": \"SMALL\"}", 400, "invalid_field"),
                arguments("insert", "{\"id\": 7.5, \"size\": \"SMALL\"}", 400, "invalid_field"),
                arguments("insert", "{\"id\": [7], \"size\": \"SMALL\"}", 400, "invalid_field"),
                arguments("insert", "{\"id\": 7, \"size\": \"HUGE\"}", 400, "invalid_field"),
                arguments("insert", "{\"id\": 7, \"size\": 3}", 400, "invalid_field"),
                arguments("insert", "{\"id\": 7, \"size\": \"\"}", 400, "invalid_field"),
                arguments("insert", "{\"id\": 7, \"size\": \"SMALL'; DROP TABLE doors;--\"}", 400, "invalid_field"),
                arguments("insert", "{\"id\": 7, \"size\": \"SM\\u0000ALL\"}", 400, "invalid_field"),
                arguments("insert", "{\"id\": 7, \"size\": \"SMALL\\u0007\"}", 400, "invalid_field"),
                arguments("insert", "{\"id\": 7, \"size\": \"SMALL\", \"state\": \"BROKEN\"}", 400, "invalid_field"),
                arguments("insert", "{\"id\": 7, \"size\": \"SMALL\", \"state\": true}", 400, "invalid_field"),
                arguments("insert", "{\"id\": 7, \"size\": \"SMALL\", \"partner_id\": 0}", 400, "invalid_field"),
                arguments("insert", "{\"id\": 7, \"size\": \"SMALL\", \"partner_id\": \"1\"}", 400, "invalid_field"),
                arguments("insert", "{\"id\": 7, \"size\": \"SMALL\", \"partner_id\": \"1 OR 1=1\"}", 400, "invalid_field"),
                arguments("insert", "{\"id\": 7, \"size\": \"SMALL\", \"partner_id\": 424242}", 400, "unknown_reference"),
                arguments("insert", "[7, \"SMALL\"]", 400, "malformed_json"),
                arguments("insert", "{\"id\": 7, \"size\":", 400, "malformed_json"),
                arguments("insert", "id=7&size=SMALL", 400, "malformed_json"),
                arguments("update", "{\"size\": \"LARGE\"}", 400, "missing_field"),
                arguments("update", "{\"id\": 7}", 400, "nothing_to_update"),
                arguments("update", "{\"id\": 4242, \"size\": \"LARGE\"}", 404, "not_found"),
                arguments("update", "{\"id\": 4242, \"size\": \"GIANT\"}", 400, "invalid_field"),
                arguments("update", "{\"id\": 4242, \"partner_id\": -1}", 400, "invalid_field"),
                arguments("delete", "{}", 400, "missing_field"),
                arguments("delete", "{\"id\": -1}", 400, "invalid_field"),
                arguments("delete", "{\"id\": 4242}", 404, "not_found"),
                arguments("get", "{}", 400, "missing_field"),
                arguments("get", "{\"id\": null}", 400, "missing_field"),
                arguments("get", "{\"id\": -1}", 400, "invalid_field"),
                arguments("get", "{\"id\": 10000}", 400, "invalid_field"),
                arguments("get", "{\"id\": \"12; DROP TABLE doors\"}", 400, "invalid_field"),
                arguments("get", "{\"id\": 4242}", 404, "not_found"),
                arguments("list", "{\"state\": \"OPEN\"}", 400, "invalid_field"),
                arguments("list", "{\"size\": \"TINY\"}", 400, "invalid_field"),
                arguments("list", "{\"state\": \"FREE' OR '1'='1\"}", 400, "invalid_field"),
                arguments("list", "{\"limit\": 0}", 400, "invalid_field"),
                arguments("list", "{\"limit\": 501}", 400, "invalid_field"),
                arguments("list", "{\"after_id\": -1}", 400, "invalid_field"),
                arguments("list", "{\"after_id\": 10000}", 400, "invalid_field"),
                arguments("list", "{\"after_id\": 1.5}", 400, "invalid_field"),
                arguments("list", "{\"limit\":", 400, "malformed_json"),
                arguments("set_state", "{\"state\": \"FREE\"}", 400, "missing_field"),
                arguments("set_state", "{\"id\": 4242}", 400, "missing_field"),
                arguments("set_state", "{\"id\": 4242, \"state\": null}", 400, "missing_field"),
                arguments("set_state", "{\"id\": 4242, \"state\": \"LEFT_OPEN\"}", 400, "invalid_field"),
                arguments("set_state", "{\"id\": 4242, \"state\": 1}", 400, "invalid_field"),
                arguments("set_state", "{\"id\": 4242, \"state\": \"FREE\"}", 404, "not_found"),
                arguments("set_state", "{\"id\": 0, \"state\": \"FREE\"}", 400, "invalid_field"),
                arguments("fly", "{}", 400, "unknown_action"),
                arguments("SET_STATE", "{\"id\": 1, \"state\": \"FREE\"}", 400, "unknown_action"));
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
        TestReply reply = TestLocker.send(handler, locker.signedFor("door-manager", "", Map.of()));

        assertEquals(400, reply.status(), reply.toString());
        assertEquals("missing_action", reply.error());
    }

    @Test
    void an_action_that_looks_like_sql_is_an_unknown_action() throws Exception {
        String before = locker.database().dump();
        String query = "action=" + URLEncoder.encode("list; DROP TABLE doors;--", StandardCharsets.UTF_8);

        TestReply reply = TestLocker.send(handler, locker.signedFor("door-manager", query, Map.of()));

        assertEquals(400, reply.status(), reply.toString());
        assertEquals("unknown_action", reply.error());
        assertEquals(before, locker.database().dump());
    }

    @ParameterizedTest(name = "unsigned {0}")
    @CsvSource(delimiter = '|', value = {
            "insert    | {\"id\": 30, \"size\": \"SMALL\"}",
            "set_state | {\"id\": 31, \"state\": \"OUT_OF_SERVICE\"}",
            "delete    | {\"id\": 31}",
            "occupancy | {}",
    })
    void an_unsigned_call_is_refused_and_changes_nothing(String action, String body) throws Exception {
        locker.database().execute("INSERT IGNORE INTO doors (id, size) VALUES (31, 'SMALL')");
        String before = locker.database().dump();

        TestReply reply = TestLocker.send(handler, locker.unsigned(action, body));

        assertEquals(401, reply.status(), reply.toString());
        assertEquals("unauthorized", reply.error());
        assertEquals(before, locker.database().dump());
    }

    @Test
    void a_request_signed_for_another_function_is_refused() {
        TestReply reply = TestLocker.send(handler,
                locker.signedFor("partner-manager", "action=list", Map.of()));

        assertEquals(401, reply.status(), reply.toString());
        assertEquals("unauthorized", reply.error());
    }

    @Test
    void the_same_signed_request_sent_twice_is_refused_the_second_time() throws Exception {
        insertDoor(23, "SMALL");
        var request = locker.backendSigned("set_state", Map.of("id", 23, "state", "OUT_OF_SERVICE"));
        assertEquals(200, TestLocker.send(handler, request).status());
        locker.database().execute("UPDATE doors SET state = 'FREE' WHERE id = 23");
        String before = locker.database().dump();

        TestReply replay = TestLocker.send(handler, request);

        assertEquals(401, replay.status(), replay.toString());
        assertEquals("unauthorized", replay.error());
        assertEquals(before, locker.database().dump());
    }

    private static List<Long> idsOf(JsonArray rows) {
        List<Long> ids = new ArrayList<>();
        for (JsonElement row : rows) {
            JsonObject door = row.getAsJsonObject();
            ids.add(door.get("id").getAsLong());
        }
        return ids;
    }

    @ParameterizedTest(name = "{0} signed by the locker")
    @CsvSource(delimiter = '|', value = {
            "insert    | {\"id\": 40, \"size\": \"SMALL\"}",
            "update    | {\"id\": 41, \"size\": \"LARGE\"}",
            "delete    | {\"id\": 41}",
            "set_state | {\"id\": 41, \"state\": \"OUT_OF_SERVICE\"}",
    })
    void a_back_end_only_action_signed_with_the_locker_s_own_key_is_refused_and_changes_nothing(String action, String body)
            throws Exception {
        locker.database().execute("INSERT IGNORE INTO doors (id, size) VALUES (41, 'SMALL')");
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
