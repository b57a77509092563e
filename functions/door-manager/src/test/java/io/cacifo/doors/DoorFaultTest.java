package io.cacifo.doors;

import com.openfaas.function.Handler;
import io.cacifo.kit.testing.SchemaFile;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A door the locker found jammed ({@code report_fault}, the controller's call): out of service with
 * the reason, the back-end told once; and the back-end's set_state putting a repaired door back.
 */
class DoorFaultTest {
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

    @BeforeEach
    void doors() throws Exception {
        locker.database().execute("DELETE FROM outbox_events; DELETE FROM doors;"
                + " INSERT INTO doors (id, size, state) VALUES (4, 'SMALL', 'FREE'), (5, 'MEDIUM', 'OCCUPIED')");
    }

    private static TestReply report(Object body) {
        return TestLocker.send(handler, locker.signed("report_fault", body));
    }

    private static String scalar(String sql) throws Exception {
        return locker.database().scalar(sql);
    }

    @Test
    void a_jammed_door_goes_out_of_service_with_its_reason_and_one_door_fault_event() throws Exception {
        TestReply reply = report(Map.of("door_id", 4, "reason", "jammed", "operation_id", 77));

        assertEquals(200, reply.status(), reply.toString());
        assertEquals(4, reply.number("door_id"));
        assertEquals("OUT_OF_SERVICE", reply.text("state"));
        assertEquals("jammed", reply.text("out_of_service_reason"));
        assertTrue(reply.json().get("applied").getAsBoolean());
        assertEquals("OUT_OF_SERVICE jammed", scalar("SELECT CONCAT(state, ' ', out_of_service_reason) FROM doors WHERE id = 4"));
        assertEquals("door.fault 4 1", scalar("SELECT CONCAT(type, ' ', door_id, ' ', reservation_id IS NULL) FROM outbox_events"));
        assertEquals(reply.text("event_id"), scalar("SELECT event_id FROM outbox_events"));
        assertEquals("jammed 77 4", scalar("SELECT CONCAT(JSON_VALUE(payload, '$.reason'), ' ',"
                + " JSON_VALUE(payload, '$.operation_id'), ' ', JSON_VALUE(payload, '$.door_id')) FROM outbox_events"));
        assertTrue(scalar("SELECT JSON_VALUE(payload, '$.at') FROM outbox_events").endsWith("Z"));

        TestReply door = TestLocker.send(handler, locker.signed("get", Map.of("id", 4)));
        assertEquals("jammed", door.text("out_of_service_reason"), door.toString());
    }

    @Test
    void reporting_the_same_fault_again_changes_nothing_and_writes_no_second_event() throws Exception {
        report(Map.of("door_id", 5, "reason", "jammed"));
        String before = locker.database().dump();

        TestReply again = report(Map.of("door_id", 5, "reason", "jammed", "operation_id", 9));

        assertEquals(200, again.status(), again.toString());
        assertFalse(again.json().get("applied").getAsBoolean());
        assertTrue(again.json().get("event_id").isJsonNull(), again.toString());
        assertEquals(before, locker.database().dump());
        assertEquals("1", scalar("SELECT COUNT(*) FROM outbox_events"));
        assertTrue(scalar("SELECT payload FROM outbox_events").contains("\"operation_id\":null"),
                "a report without an operation says so: " + scalar("SELECT payload FROM outbox_events"));
    }

    @Test
    void a_door_an_operator_took_out_of_service_that_then_jams_says_jammed_and_the_back_end_hears_it() throws Exception {
        TestLocker.send(handler, locker.backendSigned("set_state", Map.of("id", 4, "state", "OUT_OF_SERVICE")));
        assertEquals("operator", scalar("SELECT out_of_service_reason FROM doors WHERE id = 4"));

        TestReply reply = report(Map.of("door_id", 4, "reason", "jammed"));

        assertTrue(reply.json().get("applied").getAsBoolean(), reply.toString());
        assertEquals("jammed", scalar("SELECT out_of_service_reason FROM doors WHERE id = 4"));
        assertEquals("1", scalar("SELECT COUNT(*) FROM outbox_events WHERE type = 'door.fault'"));
    }

    @Test
    void the_back_end_puts_a_repaired_door_back_and_the_reason_goes() throws Exception {
        report(Map.of("door_id", 4, "reason", "jammed"));

        TestReply repaired = TestLocker.send(handler, locker.backendSigned("set_state", Map.of("id", 4, "state", "FREE")));

        assertEquals(200, repaired.status(), repaired.toString());
        assertEquals("FREE", repaired.text("state"));
        assertTrue(repaired.json().get("out_of_service_reason").isJsonNull(), repaired.toString());
        assertNull(scalar("SELECT out_of_service_reason FROM doors WHERE id = 4"));
    }

    @Test
    void a_door_inserted_out_of_service_is_out_for_the_operator() throws Exception {
        TestReply created = TestLocker.send(handler, locker.backendSigned("insert",
                Map.of("id", 6, "size", "LARGE", "state", "OUT_OF_SERVICE")));

        assertEquals(201, created.status(), created.toString());
        assertEquals("operator", created.text("out_of_service_reason"));
    }

    @Test
    void a_database_from_before_the_reason_existed_gains_it_when_the_schema_loads_again() throws Exception {
        locker.database().execute("ALTER TABLE doors DROP COLUMN out_of_service_reason");

        locker.database().execute(SchemaFile.text());

        assertEquals("2", scalar("SELECT COUNT(*) FROM doors"), "the doors are kept");
        assertEquals(200, report(Map.of("door_id", 4, "reason", "jammed")).status());
        assertEquals("jammed", scalar("SELECT out_of_service_reason FROM doors WHERE id = 4"));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"reason\": \"jammed\"}                                      | 400 | missing_field",
            "{\"door_id\": 4}                                              | 400 | missing_field",
            "{\"door_id\": 0, \"reason\": \"jammed\"}                      | 400 | invalid_field",
            "{\"door_id\": \"4\", \"reason\": \"jammed\"}                  | 400 | invalid_field",
            "{\"door_id\": 4, \"reason\": \"broken\"}                      | 400 | invalid_field",
            "{\"door_id\": 4, \"reason\": \"jammed\", \"operation_id\": 0} | 400 | invalid_field",
            "{\"door_id\": 4242, \"reason\": \"jammed\"}                   | 404 | not_found",
    })
    void bad_input_changes_nothing(String body, int status, String error) throws Exception {
        String before = locker.database().dump();

        TestReply reply = report(body);

        assertEquals(status, reply.status(), reply.toString());
        assertEquals(error, reply.error(), reply.toString());
        assertEquals(before, locker.database().dump());
    }

    @Test
    void only_the_locker_reports_faults_never_the_back_end_or_an_unsigned_caller() throws Exception {
        String before = locker.database().dump();
        Map<String, Object> body = Map.of("door_id", 4, "reason", "jammed");

        for (TestReply reply : List.of(TestLocker.send(handler, locker.backendSigned("report_fault", body)),
                TestLocker.send(handler, locker.unsigned("report_fault", body)))) {
            assertEquals(401, reply.status(), reply.toString());
            assertEquals("unauthorized", reply.error());
        }
        assertEquals(before, locker.database().dump());
    }
}
