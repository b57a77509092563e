package io.cacifo.reservations;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cacifo.kit.testing.SchemaFile;
import io.cacifo.kit.testing.TestDatabase;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;
import io.cacifo.reservations.LockerFixture.Parcel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stored parcel's pick-up deadline: set at deposit, one reminder, expiry by the sweep, return to
 * the sender by the back-up code, and the back-end moving the deadline. Time is moved by setting
 * expires_at against the database's clock, never by waiting.
 */
class ParcelDeadlineTest {
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static LockerFixture fixture;

    @BeforeAll
    static void start() {
        // Two days' pick-up window and a reminder an hour ahead, so the defaults are not what passes.
        fixture = new LockerFixture(Map.of("pickup_days", "2", "reminder_before_minutes", "60"));
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static TestReply sweep() {
        TestReply reply = fixture.call("deadlines", Map.of());
        assertEquals(200, reply.status(), reply.toString());
        return reply;
    }

    private static Parcel stored(String externalId) throws Exception {
        Parcel parcel = fixture.newParcel(externalId);
        TestReply used = fixture.call("disable", Map.of("code", parcel.deposit));
        assertEquals(200, used.status(), used.toString());
        return parcel;
    }

    /** Puts the parcel's deadline {@code minutes} from the database's now (negative: past). */
    private static void deadlineIn(Parcel parcel, int minutes) throws Exception {
        fixture.execute("UPDATE reservations SET expires_at = UTC_TIMESTAMP(3) + INTERVAL " + minutes
                + " MINUTE WHERE id = " + parcel.id);
    }

    private static String events(Parcel parcel) throws Exception {
        return fixture.scalar("SELECT COALESCE(GROUP_CONCAT(type ORDER BY sequence), '') FROM outbox_events"
                + " WHERE reservation_id = " + parcel.id);
    }

    private static JsonObject lastPayload(Parcel parcel, String type) throws Exception {
        return JsonParser.parseString(fixture.scalar("SELECT payload FROM outbox_events WHERE reservation_id = "
                + parcel.id + " AND type = '" + type + "' ORDER BY sequence DESC LIMIT 1")).getAsJsonObject();
    }

    private static String status(Parcel parcel) throws Exception {
        return fixture.scalar("SELECT status FROM reservations WHERE id = " + parcel.id);
    }

    private static String door(Parcel parcel) throws Exception {
        return fixture.scalar("SELECT state FROM doors WHERE id = " + parcel.doorId);
    }

    private static TestReply extend(Parcel parcel, Object expiresAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", parcel.id);
        body.put("expires_at", expiresAt);
        return fixture.call("update", body);
    }

    private static long journal(Parcel parcel, String kind, int minutesAgo) throws Exception {
        fixture.execute("INSERT INTO door_operations (door_id, reservation_id, code_kind, state, started_at)"
                + " VALUES (" + parcel.doorId + ", " + parcel.id + ", '" + kind + "', 'WAITING',"
                + " UTC_TIMESTAMP(3) - INTERVAL " + minutesAgo + " MINUTE)");
        return Long.parseLong(fixture.scalar("SELECT MAX(id) FROM door_operations"));
    }

    private static TestReply complete(Parcel parcel, String kind, long operation) {
        return fixture.call("complete", Map.of("reservation_id", parcel.id, "kind", kind, "operation_id", operation));
    }

    @Test
    void a_deposit_gives_a_parcel_without_a_deadline_pickup_days_and_keeps_one_the_back_end_gave() throws Exception {
        Parcel parcel = stored("deadline-from-deposit");
        Instant deposited = Instant.parse(fixture.scalar(
                "SELECT DATE_FORMAT(deposited_at, '%Y-%m-%dT%H:%i:%s.%fZ') FROM reservations WHERE id = " + parcel.id));
        Instant expires = Instant.parse(fixture.scalar(
                "SELECT DATE_FORMAT(expires_at, '%Y-%m-%dT%H:%i:%s.%fZ') FROM reservations WHERE id = " + parcel.id));
        assertEquals(deposited.plus(Duration.ofDays(2)), expires);

        Parcel given = fixture.newParcel("deadline-from-back-end");
        assertEquals(200, extend(given, "2031-05-06T07:08:09Z").status());
        assertEquals(200, fixture.call("disable", Map.of("code", given.deposit)).status());
        assertEquals("2031-05-06 07:08:09.000", fixture.scalar("SELECT expires_at FROM reservations WHERE id = " + given.id));
        assertEquals("parcel.deposited", events(given), "an arriving parcel's deadline moves without an event");
    }

    @Test
    void a_reminder_is_sent_exactly_once_within_the_window_and_not_before() throws Exception {
        Parcel soon = stored("reminder-soon");
        Parcel later = stored("reminder-later");
        deadlineIn(soon, 30);
        deadlineIn(later, 90);

        TestReply first = sweep();
        sweep();
        sweep();

        assertEquals(Set.of("reminded", "expired"), first.json().keySet());
        assertTrue(first.number("reminded") >= 1, first.toString());
        assertEquals("parcel.deposited,parcel.pickup_reminder", events(soon));
        assertEquals("parcel.deposited", events(later), "90 minutes ahead is outside an hour's reminder window");
        assertEquals("IN_STORAGE", status(soon));
        JsonObject reminder = lastPayload(soon, "parcel.pickup_reminder");
        assertEquals("reminder-soon", reminder.get("external_id").getAsString());
        assertEquals("IN_STORAGE", reminder.get("status").getAsString());
        assertEquals(soon.doorId, reminder.get("door_id").getAsInt());
        assertEquals(Set.of("external_id", "status", "door_id", "expires_at", "at"), reminder.keySet());
        assertTrue(fixture.scalar("SELECT reminder_sent_at FROM reservations WHERE id = " + soon.id) != null);

        deadlineIn(later, 59);
        sweep();
        sweep();
        assertEquals("parcel.deposited,parcel.pickup_reminder", events(later));
    }

    @Test
    void past_its_deadline_a_stored_parcel_expires_once_and_gets_no_reminder() throws Exception {
        Parcel parcel = stored("expires-by-sweep");
        deadlineIn(parcel, -1);

        TestReply first = sweep();
        sweep();

        assertTrue(first.number("expired") >= 1, first.toString());
        assertEquals("EXPIRED", status(parcel));
        assertEquals("OCCUPIED", door(parcel), "the parcel is still behind the door");
        assertEquals("parcel.deposited,parcel.expired", events(parcel));
        JsonObject expired = lastPayload(parcel, "parcel.expired");
        assertEquals("EXPIRED", expired.get("status").getAsString());
        assertEquals("IN_STORAGE", expired.get("previous_status").getAsString());
        assertEquals(Set.of("external_id", "status", "previous_status", "door_id", "expires_at", "at"), expired.keySet());
    }

    @Test
    void an_arriving_parcel_past_its_deadline_keeps_its_door_and_the_sweep_leaves_it() throws Exception {
        Parcel parcel = fixture.newParcel("arriving-past-deadline");
        deadlineIn(parcel, -10);
        sweep();

        assertEquals("ARRIVING", status(parcel));
        assertEquals("", events(parcel));
        TestReply deposit = fixture.call("validate", Map.of("code", parcel.deposit));
        assertEquals(409, deposit.status(), deposit.toString());
        assertEquals("deposit_expired", deposit.error());
    }

    @Test
    void an_expired_parcels_pick_up_code_opens_nothing_and_says_so() throws Exception {
        Parcel parcel = stored("expired-pickup");
        deadlineIn(parcel, -1);
        sweep();
        String before = fixture.dump();

        TestReply validated = fixture.call("validate", Map.of("code", parcel.pickup));
        TestReply disabled = fixture.call("disable", Map.of("code", parcel.pickup));

        for (TestReply reply : new TestReply[] {validated, disabled}) {
            assertEquals(409, reply.status(), reply.toString());
            assertEquals("pickup_expired", reply.error());
            assertEquals("PICKUP", reply.text("kind"));
            assertFalse(reply.body().contains(parcel.pickup));
        }
        assertEquals(before, fixture.dump());
    }

    @Test
    void the_back_up_code_returns_an_expired_parcel_to_the_sender_and_frees_the_door() throws Exception {
        Parcel parcel = stored("returned-by-backup");
        deadlineIn(parcel, -1);
        sweep();

        TestReply match = fixture.call("validate", Map.of("code", parcel.backup));
        TestReply used = fixture.call("disable", Map.of("code", parcel.backup));

        assertEquals(200, match.status(), match.toString());
        assertEquals("EXPIRED", match.text("status"));
        assertEquals(200, used.status(), used.toString());
        assertEquals("RETURNED", used.text("status"));
        assertEquals("RETURNED", status(parcel));
        assertEquals("FREE", door(parcel));
        assertEquals("parcel.deposited,parcel.expired,parcel.returned", events(parcel));
        JsonObject returned = lastPayload(parcel, "parcel.returned");
        assertEquals("EXPIRED", returned.get("previous_status").getAsString());
        assertEquals("BACKUP", returned.get("kind").getAsString());
        assertEquals("pickup_expired", fixture.call("validate", Map.of("code", parcel.pickup)).error(),
                "a returned parcel's pick-up code still says the time has ended");
    }

    @Test
    void a_back_up_code_on_a_stored_parcel_past_its_deadline_expires_it_then_returns_it_in_one_go() throws Exception {
        Parcel parcel = stored("backup-before-sweep");
        deadlineIn(parcel, -1);

        TestReply used = fixture.call("disable", Map.of("code", parcel.backup));

        assertEquals(200, used.status(), used.toString());
        assertEquals("RETURNED", status(parcel));
        assertEquals("FREE", door(parcel));
        assertEquals("parcel.deposited,parcel.expired,parcel.returned", events(parcel));
        sweep();
        assertEquals("parcel.deposited,parcel.expired,parcel.returned", events(parcel), "the sweep finds nothing left");
    }

    @Test
    void a_back_up_code_within_the_deadline_still_only_reopens_the_door() throws Exception {
        Parcel parcel = stored("backup-in-time");
        deadlineIn(parcel, 600);

        TestReply used = fixture.call("disable", Map.of("code", parcel.backup));

        assertEquals("IN_STORAGE", used.text("status"));
        assertEquals("OCCUPIED", door(parcel));
        assertEquals("parcel.deposited,parcel.backup_opened", events(parcel));
    }

    @Test
    void complete_judges_the_back_up_code_as_of_the_door_opening() throws Exception {
        Parcel lateOpen = stored("complete-backup-past");
        deadlineIn(lateOpen, -10);
        long operation = journal(lateOpen, "BACKUP", 1);

        TestReply returned = complete(lateOpen, "BACKUP", operation);

        assertEquals(200, returned.status(), returned.toString());
        assertEquals("RETURNED", returned.text("status"));
        assertEquals("parcel.deposited,parcel.expired,parcel.returned", events(lateOpen));
        JsonObject payload = lastPayload(lateOpen, "parcel.returned");
        assertEquals(operation, payload.get("operation_id").getAsLong());
        assertEquals(200, complete(lateOpen, "BACKUP", operation).status());
        assertEquals("parcel.deposited,parcel.expired,parcel.returned", events(lateOpen), "idempotent");

        Parcel inTime = stored("complete-backup-in-time");
        deadlineIn(inTime, -1);
        long earlier = journal(inTime, "BACKUP", 5);
        assertEquals("IN_STORAGE", complete(inTime, "BACKUP", earlier).text("status"),
                "the door opened before the deadline: an emergency re-open");
        assertEquals("parcel.deposited,parcel.backup_opened", events(inTime));
    }

    @Test
    void a_pick_up_whose_door_opened_before_the_deadline_is_delivered_even_if_the_sweep_expired_it_since()
            throws Exception {
        Parcel parcel = stored("pickup-raced-sweep");
        deadlineIn(parcel, -1);
        long operation = journal(parcel, "PICKUP", 2);
        sweep();
        assertEquals("EXPIRED", status(parcel));

        TestReply reply = complete(parcel, "PICKUP", operation);

        assertEquals(200, reply.status(), reply.toString());
        assertEquals("DELIVERED", status(parcel));
        assertEquals("FREE", door(parcel));
        assertEquals("parcel.deposited,parcel.expired,parcel.delivered", events(parcel));
    }

    @Test
    void a_used_back_up_code_reopens_the_freed_door_in_grace_until_another_parcel_gets_it() throws Exception {
        Parcel parcel = stored("returned-grace");
        deadlineIn(parcel, -1);
        assertEquals(200, fixture.call("disable", Map.of("code", parcel.backup)).status());

        TestReply again = fixture.call("validate", Map.of("code", parcel.backup));
        assertEquals(200, again.status(), again.toString());
        assertTrue(again.json().get("grace").getAsBoolean());

        fixture.newParcelAt("returned-grace-next", parcel.doorId);
        TestReply taken = fixture.call("validate", Map.of("code", parcel.backup));
        assertEquals(404, taken.status(), "the door holds the next parcel: " + taken);
    }

    @Test
    void extending_an_expired_parcel_puts_it_back_in_storage_with_a_new_reminder_and_its_pick_up_code_opens()
            throws Exception {
        Parcel parcel = stored("extended");
        deadlineIn(parcel, 30);
        sweep();
        deadlineIn(parcel, -1);
        sweep();
        assertEquals("EXPIRED", status(parcel));
        String previous = fixture.scalar("SELECT DATE_FORMAT(expires_at, '%Y-%m-%dT%H:%i:%s.%fZ') FROM reservations"
                + " WHERE id = " + parcel.id);
        String deadline = Instant.parse(fixture.scalar("SELECT DATE_FORMAT(UTC_TIMESTAMP(3) + INTERVAL 30 MINUTE,"
                + " '%Y-%m-%dT%H:%i:%s.%fZ')")).toString();

        TestReply updated = extend(parcel, deadline);

        assertEquals(200, updated.status(), updated.toString());
        assertEquals("IN_STORAGE", updated.text("status"));
        JsonObject event = lastPayload(parcel, "parcel.deadline_extended");
        assertEquals("IN_STORAGE", event.get("status").getAsString());
        assertEquals("EXPIRED", event.get("previous_status").getAsString());
        assertEquals(deadline, event.get("expires_at").getAsString());
        assertEquals(Instant.parse(previous).toString(), event.get("previous_expires_at").getAsString());
        assertEquals(Set.of("external_id", "status", "previous_status", "expires_at", "previous_expires_at", "door_id", "at"),
                event.keySet());
        assertNull(fixture.scalar("SELECT reminder_sent_at FROM reservations WHERE id = " + parcel.id));
        assertEquals(200, fixture.call("validate", Map.of("code", parcel.pickup)).status());

        sweep();
        assertEquals("parcel.deposited,parcel.pickup_reminder,parcel.expired,parcel.deadline_extended,"
                + "parcel.pickup_reminder", events(parcel), "the new deadline gets its own reminder");

        assertEquals(200, extend(parcel, deadline).status());
        assertEquals(1, Integer.parseInt(fixture.scalar("SELECT COUNT(*) FROM outbox_events WHERE reservation_id = "
                + parcel.id + " AND type = 'parcel.deadline_extended'")), "the same deadline again changes nothing");
    }

    @Test
    void a_deadline_still_in_the_past_leaves_an_expired_parcel_expired() throws Exception {
        Parcel parcel = stored("extended-to-the-past");
        deadlineIn(parcel, -5);
        sweep();

        TestReply updated = extend(parcel, "2020-01-01T00:00:00Z");

        assertEquals(200, updated.status(), updated.toString());
        assertEquals("EXPIRED", updated.text("status"));
        assertEquals("EXPIRED", lastPayload(parcel, "parcel.deadline_extended").get("status").getAsString());
    }

    @ParameterizedTest(name = "{0}: expires_at {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "DELIVERED | 2031-01-01T00:00:00Z | 409 | invalid_transition",
            "RETURNED  | 2031-01-01T00:00:00Z | 409 | invalid_transition",
            "CANCELLED | 2031-01-01T00:00:00Z | 409 | invalid_transition",
            "IN_STORAGE| tomorrow             | 400 | invalid_field",
            "IN_STORAGE| 2031-01-01 00:00:00  | 400 | invalid_field",
            "EXPIRED   | 2031-02-30T00:00:00Z | 400 | invalid_field",
    })
    void a_deadline_that_cannot_apply_changes_nothing(ReservationStatus status, String expiresAt, int code, String error)
            throws Exception {
        Parcel parcel = stored("refused-deadline-" + REFUSED.incrementAndGet());
        fixture.execute("UPDATE reservations SET status = '" + status + "' WHERE id = " + parcel.id);
        String before = fixture.dump();

        TestReply reply = extend(parcel, expiresAt);

        assertEquals(code, reply.status(), reply.toString());
        assertEquals(error, reply.error());
        assertEquals(before, fixture.dump());
    }

    @Test
    void a_deadline_together_with_a_status_is_refused_and_changes_nothing() throws Exception {
        Parcel parcel = stored("deadline-and-status");
        String before = fixture.dump();

        TestReply reply = fixture.call("update", Map.of("id", parcel.id, "expires_at", "2031-01-01T00:00:00Z",
                "status", "CANCELLED"));

        assertEquals(400, reply.status(), reply.toString());
        assertEquals(before, fixture.dump());
    }

    @Test
    void loading_the_schema_brings_a_database_made_before_deadlines_to_the_same_shape() throws Exception {
        try (TestDatabase old = TestDatabase.create()) {
            old.execute("ALTER TABLE reservations DROP INDEX ix_reservations_sweep, DROP COLUMN reminder_sent_at");
            String sweepIndex = "SELECT GROUP_CONCAT(column_name ORDER BY seq_in_index) FROM information_schema.statistics"
                    + " WHERE table_schema = DATABASE() AND table_name = 'reservations' AND index_name = 'ix_reservations_sweep'";
            String reminderColumn = "SELECT column_type FROM information_schema.columns WHERE table_schema = DATABASE()"
                    + " AND table_name = 'reservations' AND column_name = 'reminder_sent_at' AND is_nullable = 'YES'";
            assertNull(old.scalar(sweepIndex));

            old.execute(SchemaFile.text());
            old.execute(SchemaFile.text());

            assertEquals("status,expires_at", old.scalar(sweepIndex));
            assertEquals("datetime(3)", old.scalar(reminderColumn));
        }
    }

    @Test
    void only_the_locker_itself_may_sweep() throws Exception {
        String before = fixture.dump();

        TestReply byBackend = TestLocker.send(fixture.handler, fixture.locker.backendSigned("deadlines", Map.of()));
        TestReply unsigned = TestLocker.send(fixture.handler, fixture.locker.unsigned("deadlines", Map.of()));

        assertEquals(401, byBackend.status(), byBackend.toString());
        assertEquals(401, unsigned.status(), unsigned.toString());
        assertEquals(before, fixture.dump());
    }
}
