package io.cacifo.reservations;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;
import io.cacifo.reservations.LockerFixture.Parcel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The back-end's support opened a door remotely (controller support_open): behind_door says which
 * parcel is in it, and support_mark records, once the door is closed, that support handed the parcel
 * over (DELIVERED) or took it back for the sender (RETURNED), with its event, exactly once.
 */
class SupportMarksTest {
    private static LockerFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new LockerFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    /** A parcel deposited into a new door: IN_STORAGE, the door OCCUPIED. */
    private static Parcel stored(String externalId) throws Exception {
        Parcel parcel = fixture.newParcel(externalId);
        TestReply used = fixture.call("disable", Map.of("code", parcel.deposit));
        assertEquals(200, used.status(), used.toString());
        return parcel;
    }

    /** Journals a support opening as the controller does. */
    private static long supportOpening(Parcel parcel, String mark, String state) throws Exception {
        fixture.execute("INSERT INTO door_operations (door_id, reservation_id, code_kind, support_mark, support_reason,"
                + " support_ticket, state, started_at) VALUES (" + parcel.doorId + ", " + parcel.id + ", 'SUPPORT', "
                + (mark == null ? "NULL" : "'" + mark + "'") + ", 'customer called', 'T-42', '" + state + "',"
                + " UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE)");
        return Long.parseLong(fixture.scalar("SELECT MAX(id) FROM door_operations"));
    }

    private static Map<String, Object> markBody(long reservationId, String status, long operationId, String ticket) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reservation_id", reservationId);
        body.put("status", status);
        body.put("operation_id", operationId);
        body.put("ticket", ticket);
        return body;
    }

    private static TestReply mark(Parcel parcel, String status, long operationId) {
        return fixture.call("support_mark", markBody(parcel.id, status, operationId, "T-42"));
    }

    private static String events(Parcel parcel) throws Exception {
        return fixture.scalar("SELECT COALESCE(GROUP_CONCAT(type ORDER BY sequence), '') FROM outbox_events"
                + " WHERE reservation_id = " + parcel.id);
    }

    private static JsonObject lastPayload(Parcel parcel) throws Exception {
        return JsonParser.parseString(fixture.scalar("SELECT payload FROM outbox_events WHERE reservation_id = "
                + parcel.id + " ORDER BY sequence DESC LIMIT 1")).getAsJsonObject();
    }

    private static TestReply behindDoor(int door) {
        return fixture.call("behind_door", Map.of("door_id", door));
    }

    @Test
    void behind_a_door_is_the_stored_parcel_or_an_expired_one_still_in_it_never_an_arriving_one() throws Exception {
        int empty = fixture.newDoor();
        Parcel arriving = fixture.newParcel("support-arriving");
        Parcel stored = stored("support-stored");
        Parcel expired = stored("support-expired");
        fixture.execute("UPDATE reservations SET status = 'EXPIRED' WHERE id = " + expired.id);
        Parcel takenOut = stored("support-taken-out");
        fixture.execute("UPDATE reservations SET status = 'EXPIRED' WHERE id = " + takenOut.id + ";"
                + " UPDATE doors SET state = 'FREE' WHERE id = " + takenOut.doorId);

        assertTrue(behindDoor(empty).json().get("reservation_id").isJsonNull());
        assertTrue(behindDoor(arriving.doorId).json().get("reservation_id").isJsonNull(), "not in the door yet");
        assertEquals(stored.id, behindDoor(stored.doorId).number("reservation_id"));
        assertEquals("IN_STORAGE", behindDoor(stored.doorId).text("status"));
        assertEquals("support-expired", behindDoor(expired.doorId).text("external_id"));
        assertTrue(behindDoor(takenOut.doorId).json().get("reservation_id").isJsonNull(),
                "an operator freed the door: the expired parcel was taken out");
        assertEquals(400, behindDoor(0).status());
    }

    @Test
    void a_stored_parcel_marked_returned_frees_its_door_and_is_reported_once() throws Exception {
        Parcel parcel = stored("support-return");
        long operation = supportOpening(parcel, "RETURNED", "WAITING");

        TestReply first = mark(parcel, "RETURNED", operation);
        TestReply again = mark(parcel, "RETURNED", operation);

        assertEquals(200, first.status(), first.toString());
        assertTrue(first.json().get("applied").getAsBoolean());
        assertEquals("RETURNED", first.text("status"));
        assertEquals(parcel.doorId, first.number("door_id"));
        assertEquals(200, again.status(), again.toString());
        assertFalse(again.json().get("applied").getAsBoolean(), "idempotent: nothing changes the second time");
        assertTrue(again.json().get("event_id").isJsonNull());
        assertEquals("RETURNED", fixture.scalar("SELECT status FROM reservations WHERE id = " + parcel.id));
        assertEquals("FREE", fixture.scalar("SELECT state FROM doors WHERE id = " + parcel.doorId));
        assertEquals("parcel.deposited,parcel.returned", events(parcel));
        JsonObject payload = lastPayload(parcel);
        assertEquals("SUPPORT", payload.get("kind").getAsString());
        assertEquals("IN_STORAGE", payload.get("previous_status").getAsString());
        assertEquals("T-42", payload.get("ticket").getAsString());
        assertEquals(operation, payload.get("operation_id").getAsLong());
        assertEquals(first.text("event_id"), fixture.scalar("SELECT event_id FROM outbox_events WHERE reservation_id = "
                + parcel.id + " AND type = 'parcel.returned'"));
    }

    @Test
    void an_expired_parcel_handed_over_by_support_is_delivered_as_of_the_doors_opening() throws Exception {
        Parcel parcel = stored("support-deliver");
        fixture.execute("UPDATE reservations SET status = 'EXPIRED' WHERE id = " + parcel.id);
        long operation = supportOpening(parcel, "DELIVERED", "DONE");

        TestReply reply = mark(parcel, "DELIVERED", operation);

        assertEquals(200, reply.status(), reply.toString());
        assertEquals("DELIVERED", fixture.scalar("SELECT status FROM reservations WHERE id = " + parcel.id));
        assertEquals(fixture.scalar("SELECT started_at FROM door_operations WHERE id = " + operation),
                fixture.scalar("SELECT picked_up_at FROM reservations WHERE id = " + parcel.id));
        assertEquals("FREE", fixture.scalar("SELECT state FROM doors WHERE id = " + parcel.doorId));
        assertEquals("parcel.deposited,parcel.delivered", events(parcel));
        assertEquals("EXPIRED", lastPayload(parcel).get("previous_status").getAsString());
        assertEquals("SUPPORT", lastPayload(parcel).get("kind").getAsString());
    }

    @Test
    void a_door_out_of_service_stays_so_when_support_takes_its_parcel_out() throws Exception {
        Parcel parcel = stored("support-jammed");
        fixture.execute("UPDATE doors SET state = 'OUT_OF_SERVICE' WHERE id = " + parcel.doorId);
        long operation = supportOpening(parcel, "RETURNED", "WAITING");

        assertEquals(200, mark(parcel, "RETURNED", operation).status());

        assertEquals("RETURNED", fixture.scalar("SELECT status FROM reservations WHERE id = " + parcel.id));
        assertEquals("OUT_OF_SERVICE", fixture.scalar("SELECT state FROM doors WHERE id = " + parcel.doorId));
    }

    @Test
    void a_mark_for_an_opening_not_journaled_so_or_that_never_opened_or_a_parcel_gone_changes_nothing() throws Exception {
        Parcel parcel = stored("support-refused");
        long openOnly = supportOpening(parcel, null, "DONE");
        long failed = supportOpening(parcel, "RETURNED", "FAILED");
        fixture.execute("INSERT INTO door_operations (door_id, reservation_id, code_kind, state)"
                + " VALUES (" + parcel.doorId + ", " + parcel.id + ", 'BACKUP', 'DONE')");
        long backup = Long.parseLong(fixture.scalar("SELECT MAX(id) FROM door_operations"));
        Parcel delivered = stored("support-delivered");
        TestReply pickedUp = fixture.call("disable", Map.of("code", delivered.pickup));
        assertEquals(200, pickedUp.status(), pickedUp.toString());
        long late = supportOpening(delivered, "RETURNED", "WAITING");
        String before = fixture.dump();

        assertEquals(404, mark(parcel, "RETURNED", openOnly).status(), "that opening was to mark nothing");
        assertEquals(404, mark(parcel, "DELIVERED", openOnly).status());
        assertEquals(404, mark(parcel, "RETURNED", backup).status(), "a code's opening is not support's");
        assertEquals(404, mark(parcel, "RETURNED", 999_999).status());
        assertEquals(404, fixture.call("support_mark", markBody(delivered.id, "RETURNED", failed, "T-42")).status(),
                "another parcel's opening");
        TestReply neverOpened = mark(parcel, "RETURNED", failed);
        assertEquals(409, neverOpened.status(), neverOpened.toString());
        assertEquals("invalid_transition", neverOpened.error());
        TestReply alreadyDelivered = mark(delivered, "RETURNED", late);
        assertEquals(409, alreadyDelivered.status(), alreadyDelivered.toString());
        assertEquals("invalid_transition", alreadyDelivered.error());

        assertEquals(before, fixture.dump());
    }

    @Test
    void bad_fields_and_the_back_ends_signature_are_refused_before_anything_changes() throws Exception {
        Parcel parcel = stored("support-bad-input");
        long operation = supportOpening(parcel, "RETURNED", "WAITING");
        String before = fixture.dump();

        for (Map<String, ?> body : List.<Map<String, ?>>of(markBody(parcel.id, "LOST", operation, "T-42"),
                markBody(parcel.id, "CANCELLED", operation, "T-42"),
                markBody(parcel.id, "RETURNED", operation, "T 42; drop"),
                markBody(parcel.id, "RETURNED", operation, "x".repeat(65)),
                markBody(0, "RETURNED", operation, "T-42"),
                Map.of("reservation_id", parcel.id, "status", "RETURNED", "operation_id", operation))) {
            TestReply reply = fixture.call("support_mark", body);
            assertEquals(400, reply.status(), body + " -> " + reply);
        }
        for (String action : List.of("support_mark", "behind_door")) {
            TestReply reply = TestLocker.send(fixture.handler, fixture.locker.backendSigned(action,
                    markBody(parcel.id, "RETURNED", operation, "T-42")));
            assertEquals(401, reply.status(), action + ": " + reply);
        }

        assertEquals(before, fixture.dump());
    }
}
