package io.cacifo.users;

import com.openfaas.function.Handler;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** user-manager against a real MariaDB, through its Handler, with signed requests. */
class UserManagerTest {
    private static TestLocker locker;
    private static Handler handler;

    @BeforeAll
    static void start() {
        locker = TestLocker.create("user-manager");
        handler = new Handler(locker.services());
    }

    @AfterAll
    static void stop() throws Exception {
        locker.close();
    }

    private static TestReply call(String action, Object body) {
        return TestLocker.send(handler, locker.signedAsContract(action, body));
    }

    @Test
    void an_inserted_user_can_be_read_back() {
        TestReply created = call("insert", Map.of("username", "ana.silva", "full_name", "Ana Silva",
                "email", "ana@example.org", "role", "courier"));

        assertEquals(201, created.status(), created.toString());
        assertTrue(created.contentType().startsWith("application/json"));
        long id = created.number("id");
        TestReply got = call("get", Map.of("id", id));
        assertEquals(200, got.status(), got.toString());
        assertEquals("ana.silva", got.text("username"));
        assertEquals("Ana Silva", got.text("full_name"));
        assertEquals("COURIER", got.text("role"));
        assertTrue(got.text("created_at").endsWith("Z"), got.toString());
    }

    @Test
    void a_user_without_a_role_is_a_customer() {
        TestReply created = call("insert", Map.of("username", "no.role"));

        assertEquals(201, created.status(), created.toString());
        assertEquals("CUSTOMER", created.text("role"));
    }

    @Test
    void an_update_changes_only_the_fields_given() {
        long id = call("insert", Map.of("username", "bruno", "email", "bruno@example.org")).number("id");

        TestReply updated = call("update", Map.of("id", id, "full_name", "Bruno Costa"));

        assertEquals(200, updated.status(), updated.toString());
        assertEquals("Bruno Costa", updated.text("full_name"));
        assertEquals("bruno@example.org", updated.text("email"));
    }

    @Test
    void a_deleted_user_is_gone() {
        long id = call("insert", Map.of("username", "carla")).number("id");

        TestReply deleted = call("delete", Map.of("id", id));

        assertEquals(200, deleted.status(), deleted.toString());
        assertEquals(id, deleted.number("deleted"));
        assertEquals(404, call("get", Map.of("id", id)).status());
        assertEquals(404, call("delete", Map.of("id", id)).status());
    }

    @Test
    void list_pages_through_users_in_id_order() {
        for (int i = 0; i < 3; i++) {
            call("insert", Map.of("username", "page.user." + i));
        }

        TestReply first = call("list", Map.of("limit", 2));
        assertEquals(200, first.status(), first.toString());
        assertEquals(2, first.array("users").size());
        long lastId = first.array("users").get(1).getAsJsonObject().get("id").getAsLong();
        TestReply next = call("list", Map.of("after_id", lastId, "limit", 500));
        assertEquals(200, next.status());
        assertTrue(next.array("users").size() >= 1);
        assertTrue(next.array("users").get(0).getAsJsonObject().get("id").getAsLong() > lastId);
    }

    @Test
    void a_second_user_with_the_same_username_is_a_conflict() {
        assertEquals(201, call("insert", Map.of("username", "twice")).status());

        TestReply again = call("insert", Map.of("username", "twice"));

        assertEquals(409, again.status(), again.toString());
        assertEquals("duplicate", again.error());
    }

    @Test
    void the_system_user_cannot_be_changed_or_deleted() throws Exception {
        String before = locker.database().dump();

        assertEquals("protected", call("delete", Map.of("id", 1)).error());
        assertEquals(409, call("update", Map.of("id", 1, "full_name", "Mallory")).status());

        assertEquals(before, locker.database().dump());
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "insert | {}                                      | 400 | missing_field",
            "insert | {\"username\": 42}                      | 400 | invalid_field",
            "insert | {\"username\": \"a b\"}                 | 400 | invalid_field",
            "insert | {\"username\": \"x'; DROP TABLE users;--\"} | 400 | invalid_field",
            "insert | {\"username\": \"ok\", \"email\": \"no-at\"} | 400 | invalid_field",
            "insert | {\"username\": \"ok\", \"role\": \"SYSTEM\"} | 400 | invalid_field",
            "insert | {\"username\": \"ok\", \"role\": \"KING\"}   | 400 | invalid_field",
            "insert | {\"username\": \"ok\", \"full_name\": \"bell\\u0007\"} | 400 | invalid_field",
            "insert | [1,2]                                   | 400 | malformed_json",
            "insert | {\"username\":                          | 400 | malformed_json",
            "update | {\"id\": 999999}                        | 400 | nothing_to_update",
            "update | {\"id\": 999999, \"full_name\": \"x\"}  | 404 | not_found",
            "get    | {\"id\": -1}                            | 400 | invalid_field",
            "get    | {\"id\": \"1\"}                         | 400 | invalid_field",
            "get    | {\"id\": 1.5}                           | 400 | invalid_field",
            "get    | {\"id\": 99999999999999999999999}       | 400 | invalid_field",
            "get    | {\"id\": 424242}                        | 404 | not_found",
            "delete | {}                                      | 400 | missing_field",
            "list   | {\"limit\": 0}                          | 400 | invalid_field",
            "fly    | {}                                      | 400 | unknown_action",
    })
    void bad_input_is_a_4xx_json_error_and_changes_nothing(String action, String body, int status, String error)
            throws Exception {
        String before = locker.database().dump();

        TestReply reply = call(action, body);

        assertEquals(status, reply.status(), reply.toString());
        assertEquals(error, reply.error(), reply.toString());
        assertFalse(reply.text("message").isBlank());
        assertEquals(before, locker.database().dump(), "the database must not change");
    }

    @Test
    void an_unsigned_insert_is_refused_and_stores_nothing() throws Exception {
        String before = locker.database().dump();

        TestReply reply = TestLocker.send(handler, locker.unsigned("insert", Map.of("username", "intruder")));

        assertEquals(401, reply.status(), reply.toString());
        assertEquals("unauthorized", reply.error());
        assertEquals(before, locker.database().dump());
    }

    @Test
    void a_request_signed_for_another_function_is_refused() {
        TestReply reply = TestLocker.send(handler,
                locker.signedFor("door-io", "action=list", Map.of()));

        assertEquals(401, reply.status(), reply.toString());
    }

    @Test
    void the_same_signed_request_sent_twice_is_refused_the_second_time() {
        var request = locker.backendSigned("insert", Map.of("username", "replayed"));

        assertEquals(201, TestLocker.send(handler, request).status());
        TestReply replay = TestLocker.send(handler, request);

        assertEquals(401, replay.status(), replay.toString());
    }

    @ParameterizedTest(name = "{0} signed by the locker")
    @CsvSource(delimiter = '|', value = {
            "insert | {\"username\": \"by.locker\"}",
            "update | {\"id\": 1, \"full_name\": \"Renamed\"}",
            "delete | {\"id\": 1}",
    })
    void a_back_end_only_action_signed_with_the_locker_s_own_key_is_refused_and_changes_nothing(String action, String body)
            throws Exception {
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
