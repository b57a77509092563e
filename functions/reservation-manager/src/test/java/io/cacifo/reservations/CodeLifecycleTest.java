package io.cacifo.reservations;

import com.google.gson.JsonObject;
import com.openfaas.model.Request;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;
import io.cacifo.reservations.LockerFixture.Parcel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** validate and disable: what each code opens, when, how often, and what its use moves. */
class CodeLifecycleTest {
    private static LockerFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new LockerFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static TestReply validate(String code) {
        return fixture.call("validate", Map.of("code", code));
    }

    private static TestReply disable(String code) {
        return fixture.call("disable", Map.of("code", code));
    }

    private static String doorState(Parcel parcel) throws Exception {
        return fixture.scalar("SELECT state FROM doors WHERE id = " + parcel.doorId);
    }

    private static int events(Parcel parcel, String type) throws Exception {
        return Integer.parseInt(fixture.scalar("SELECT COUNT(*) FROM outbox_events WHERE reservation_id = "
                + parcel.id + " AND type = '" + type + "'"));
    }

    /** Moves the moment {@code kind}'s code was used to {@code minutes} ago by the database's clock. */
    private static void usedMinutesAgo(Parcel parcel, String kind, int minutes) throws Exception {
        fixture.execute("UPDATE reservation_codes SET used_at = UTC_TIMESTAMP(3) - INTERVAL " + minutes
                + " MINUTE WHERE reservation_id = " + parcel.id + " AND kind = '" + kind + "'");
    }

    @Test
    void a_deposit_code_opens_its_arriving_parcels_door_and_validating_changes_nothing() throws Exception {
        Parcel parcel = fixture.newParcel("validate-deposit");
        String before = fixture.dump();

        TestReply match = validate(parcel.deposit);

        assertEquals(200, match.status(), match.toString());
        assertEquals(Set.of("reservation_id", "external_id", "door_id", "kind", "status", "grace"), match.json().keySet());
        assertEquals(parcel.id, match.number("reservation_id"));
        assertEquals("validate-deposit", match.text("external_id"));
        assertEquals(parcel.doorId, match.number("door_id"));
        assertEquals("DEPOSIT", match.text("kind"));
        assertEquals("ARRIVING", match.text("status"));
        assertFalse(match.json().get("grace").getAsBoolean());
        assertFalse(match.body().contains(parcel.deposit));
        assertEquals(before, fixture.dump());
    }

    @Test
    void a_pick_up_code_before_deposit_opens_nothing_and_says_the_parcel_has_not_arrived() throws Exception {
        Parcel parcel = fixture.newParcel("pickup-too-early");
        String before = fixture.dump();

        TestReply validated = validate(parcel.pickup);
        TestReply disabled = disable(parcel.pickup);
        TestReply backup = validate(parcel.backup);

        assertEquals(409, validated.status(), validated.toString());
        assertEquals("not_arrived", validated.error());
        assertEquals("PICKUP", validated.text("kind"));
        assertEquals(Set.of("error", "message", "kind"), validated.json().keySet());
        assertEquals(409, disabled.status(), disabled.toString());
        assertEquals("not_arrived", disabled.error());
        assertEquals(404, backup.status(), "a back-up code too waits for the deposit: " + backup);
        assertEquals(before, fixture.dump());
    }

    @Test
    void deposit_then_pick_up_moves_the_parcel_through_storage_to_delivered_and_frees_the_door() throws Exception {
        Parcel parcel = fixture.newParcel("full-journey");
        assertEquals("FREE", doorState(parcel));

        TestReply deposited = disable(parcel.deposit);

        assertEquals(200, deposited.status(), deposited.toString());
        assertEquals(Set.of("reservation_id", "door_id", "kind", "status", "event_id"), deposited.json().keySet());
        assertEquals(parcel.id, deposited.number("reservation_id"));
        assertEquals(parcel.doorId, deposited.number("door_id"));
        assertEquals("DEPOSIT", deposited.text("kind"));
        assertEquals("IN_STORAGE", deposited.text("status"));
        assertEquals("OCCUPIED", doorState(parcel));
        assertEquals(1, events(parcel, "parcel.deposited"));
        String depositEvent = deposited.text("event_id");
        assertEquals("parcel.deposited", fixture.scalar("SELECT type FROM outbox_events WHERE event_id = '" + depositEvent + "'"));
        JsonObject payload = new TestReply(200, fixture.scalar(
                "SELECT payload FROM outbox_events WHERE event_id = '" + depositEvent + "'"), null).json();
        assertEquals("full-journey", payload.get("external_id").getAsString());
        assertEquals("IN_STORAGE", payload.get("status").getAsString());
        assertEquals("DEPOSIT", payload.get("kind").getAsString());
        assertEquals(parcel.doorId, payload.get("door_id").getAsInt());
        TestReply stored = fixture.call("get", parcel.id());
        assertEquals(payload.get("at").getAsString(), stored.text("deposited_at"));
        assertEquals(stored.text("deposited_at"),
                stored.json().getAsJsonObject("codes").getAsJsonObject("deposit").get("used_at").getAsString());
        assertEquals(1, stored.number("version"));

        TestReply pickedUp = disable(parcel.pickup);

        assertEquals(200, pickedUp.status(), pickedUp.toString());
        assertEquals("PICKUP", pickedUp.text("kind"));
        assertEquals("DELIVERED", pickedUp.text("status"));
        assertEquals("FREE", doorState(parcel));
        assertEquals(1, events(parcel, "parcel.delivered"));
        TestReply delivered = fixture.call("get", parcel.id());
        assertEquals("DELIVERED", delivered.text("status"));
        assertNotNull(delivered.text("picked_up_at"));
        assertEquals(2, delivered.number("version"));
        assertTrue(delivered.json().getAsJsonObject("codes").getAsJsonObject("backup").get("used_at").isJsonNull());
        assertEquals(404, validate(parcel.backup).status(), "a delivered parcel's back-up code opens nothing");
    }

    @Test
    void a_back_up_code_reopens_a_stored_parcel_and_keeps_it_in_storage() throws Exception {
        Parcel parcel = fixture.newParcel("backup-open");
        assertEquals(200, disable(parcel.deposit).status());

        TestReply match = validate(parcel.backup);
        TestReply used = disable(parcel.backup);

        assertEquals(200, match.status(), match.toString());
        assertEquals("BACKUP", match.text("kind"));
        assertFalse(match.json().get("grace").getAsBoolean());
        assertEquals(200, used.status(), used.toString());
        assertEquals("IN_STORAGE", used.text("status"));
        assertEquals("OCCUPIED", doorState(parcel));
        assertEquals(1, events(parcel, "parcel.backup_opened"));
        assertEquals(2, fixture.call("get", parcel.id()).number("version"));
        assertEquals(200, disable(parcel.pickup).status(), "the customer can still collect after a back-up open");
    }

    @Test
    void a_used_code_reopens_its_door_for_ten_minutes_and_then_never() throws Exception {
        Parcel parcel = fixture.newParcel("grace");
        assertEquals(200, disable(parcel.deposit).status());
        String before = fixture.dump();

        TestReply again = validate(parcel.deposit);
        TestReply disabledAgain = disable(parcel.deposit);

        assertEquals(200, again.status(), again.toString());
        assertTrue(again.json().get("grace").getAsBoolean(), again.toString());
        assertEquals("IN_STORAGE", again.text("status"));
        assertEquals(parcel.doorId, again.number("door_id"));
        assertEquals(409, disabledAgain.status(), disabledAgain.toString());
        assertEquals("already_used", disabledAgain.error());
        assertEquals(before, fixture.dump(), "a grace re-open changes nothing");

        usedMinutesAgo(parcel, "DEPOSIT", 9);
        assertEquals(200, validate(parcel.deposit).status(), "nine minutes on it still re-opens");

        usedMinutesAgo(parcel, "DEPOSIT", 11);
        TestReply late = validate(parcel.deposit);
        assertEquals(404, late.status(), late.toString());
        assertEquals("invalid_code", late.error());
        assertEquals(409, disable(parcel.deposit).status(), "used is used, in grace or not");
    }

    @Test
    void a_used_deposit_code_stops_reopening_once_the_customer_has_the_parcel() throws Exception {
        Parcel parcel = fixture.newParcel("grace-ends-on-pickup");
        assertEquals(200, disable(parcel.deposit).status());
        assertEquals(200, disable(parcel.pickup).status());

        TestReply deposit = validate(parcel.deposit);
        TestReply pickup = validate(parcel.pickup);

        assertEquals(404, deposit.status(), "the parcel is no longer where the deposit left it: " + deposit);
        assertEquals(200, pickup.status(), pickup.toString());
        assertTrue(pickup.json().get("grace").getAsBoolean());
        assertEquals("DELIVERED", pickup.text("status"));
        assertEquals("PICKUP", pickup.text("kind"));
    }

    @Test
    void a_used_pick_up_code_does_not_open_a_door_that_holds_the_next_parcel() throws Exception {
        Parcel first = fixture.newParcel("first-in-door");
        assertEquals(200, disable(first.deposit).status());
        assertEquals(200, disable(first.pickup).status());
        assertEquals(200, validate(first.pickup).status(), "right after pick-up the customer may re-open the door");

        Parcel next = fixture.newParcelAt("next-in-door", first.doorId);
        TestReply whileArriving = validate(first.pickup);
        assertEquals(200, disable(next.deposit).status());
        String before = fixture.dump();
        TestReply whileStored = validate(first.pickup);
        TestReply depositCode = validate(first.deposit);

        assertEquals(404, whileArriving.status(), "a door given to the next parcel is not re-opened: " + whileArriving);
        assertEquals(404, whileStored.status(), "the next parcel is behind the door: " + whileStored);
        assertEquals("invalid_code", whileStored.error());
        assertEquals(404, depositCode.status(), depositCode.toString());
        assertEquals(before, fixture.dump(), "a refused re-open changes nothing");
        assertEquals(200, validate(next.pickup).status(), "the next customer's own code opens the door");
    }

    @Test
    void a_used_pick_up_code_stops_reopening_once_another_parcel_is_moved_to_its_door() throws Exception {
        Parcel first = fixture.newParcel("moved-onto-door-first");
        assertEquals(200, disable(first.deposit).status());
        assertEquals(200, disable(first.pickup).status());
        Parcel other = fixture.newParcel("moved-onto-door-other");

        TestReply moved = fixture.call("update", Map.of("id", other.id, "door_id", first.doorId));
        TestReply again = validate(first.pickup);

        assertEquals(200, moved.status(), moved.toString());
        assertEquals(404, again.status(), "the door now waits for another parcel: " + again);
    }

    @Test
    void a_door_opened_for_another_parcel_since_the_use_ends_the_grace() throws Exception {
        Parcel first = fixture.newParcel("journal-first");
        Parcel other = fixture.newParcel("journal-other");
        assertEquals(200, disable(first.deposit).status());
        assertEquals(200, disable(first.pickup).status());
        // Only the journal tells: the other parcel's record is older than the use and ended.
        fixture.execute("UPDATE reservations SET status = 'CANCELLED', door_id = " + first.doorId
                + ", updated_at = UTC_TIMESTAMP(3) - INTERVAL 1 HOUR WHERE id = " + other.id);
        assertEquals(200, validate(first.pickup).status(), "an old, ended parcel of that door does not matter");

        fixture.execute("INSERT INTO door_operations (door_id, reservation_id, code_kind, state, finished_at)"
                + " VALUES (" + first.doorId + ", " + other.id + ", 'BACKUP', 'DONE', UTC_TIMESTAMP(3))");
        TestReply again = validate(first.pickup);

        assertEquals(404, again.status(), "the door was opened for another parcel: " + again);
    }

    @Test
    void a_used_code_does_not_reopen_a_door_put_out_of_service() throws Exception {
        Parcel parcel = fixture.newParcel("grace-out-of-service");
        assertEquals(200, disable(parcel.deposit).status());
        fixture.execute("UPDATE doors SET state = 'OUT_OF_SERVICE' WHERE id = " + parcel.doorId);

        TestReply again = validate(parcel.deposit);

        assertEquals(404, again.status(), again.toString());
        assertEquals(200, validate(parcel.pickup).status(), "an unused code still gets the parcel out");
    }

    @Test
    void with_no_grace_period_a_used_code_never_opens_again() throws Exception {
        try (LockerFixture noGrace = new LockerFixture(Map.of("code_grace_seconds", "0"))) {
            Parcel parcel = noGrace.newParcel("no-grace");
            assertEquals(200, noGrace.call("disable", Map.of("code", parcel.deposit)).status());

            TestReply deposit = noGrace.call("validate", Map.of("code", parcel.deposit));
            TestReply pickup = noGrace.call("validate", Map.of("code", parcel.pickup));
            assertEquals(200, noGrace.call("disable", Map.of("code", parcel.pickup)).status());
            TestReply pickupAgain = noGrace.call("validate", Map.of("code", parcel.pickup));

            assertEquals(404, deposit.status(), deposit.toString());
            assertEquals(200, pickup.status(), "the unused pick-up code opens as ever");
            assertEquals(404, pickupAgain.status(), pickupAgain.toString());
        }
    }

    @Test
    void a_code_past_its_deadline_opens_nothing_and_says_so_but_the_back_up_code_still_gets_the_parcel_out()
            throws Exception {
        LockerFixture.Codes codes = LockerFixture.Codes.fresh();
        Map<String, Object> body = LockerFixture.insertBody("expired-on-arrival", fixture.newDoor(), codes);
        body.put("expires_at", "2020-01-01T00:00:00Z");
        assertEquals(201, fixture.call("insert", body).status());
        String before = fixture.dump();

        TestReply validated = validate(codes.deposit);
        TestReply disabled = disable(codes.deposit);

        assertEquals(409, validated.status(), validated.toString());
        assertEquals("deposit_expired", validated.error());
        assertEquals("DEPOSIT", validated.text("kind"));
        assertEquals(409, disabled.status(), disabled.toString());
        assertEquals("deposit_expired", disabled.error());
        assertEquals(before, fixture.dump());

        Parcel stored = fixture.newParcel("expires-while-stored");
        assertEquals(200, disable(stored.deposit).status());
        fixture.execute("UPDATE reservations SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE id = " + stored.id);

        assertEquals("pickup_expired", validate(stored.pickup).error());
        assertEquals("pickup_expired", disable(stored.pickup).error());
        assertEquals(200, validate(stored.backup).status());
    }

    @Test
    void eight_disables_of_one_code_at_once_use_it_exactly_once() throws Exception {
        Parcel parcel = fixture.newParcel("stampede");
        int threads = 8;
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            requests.add(fixture.locker.signed("disable", Map.of("code", parcel.deposit)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<TestReply> replies = new ArrayList<>();
        try {
            List<Future<TestReply>> futures = new ArrayList<>();
            for (Request request : requests) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return TestLocker.send(fixture.handler, request);
                }));
            }
            assertTrue(ready.await(10, TimeUnit.SECONDS));
            go.countDown();
            for (Future<TestReply> future : futures) {
                replies.add(future.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        long ok = replies.stream().filter(r -> r.status() == 200).count();
        long used = replies.stream().filter(r -> r.status() == 409 && "already_used".equals(r.error())).count();
        assertEquals(1, ok, replies.toString());
        assertEquals(threads - 1, used, replies.toString());
        assertEquals(1, events(parcel, "parcel.deposited"));
        assertEquals("1", fixture.scalar("SELECT COUNT(*) FROM outbox_events WHERE reservation_id = " + parcel.id));
        assertEquals("1", fixture.scalar("SELECT version FROM reservations WHERE id = " + parcel.id));
        assertEquals("IN_STORAGE", fixture.scalar("SELECT status FROM reservations WHERE id = " + parcel.id));
    }

    @Test
    void a_door_put_out_of_service_stays_so_when_its_parcel_moves() throws Exception {
        Parcel parcel = fixture.newParcel("out-of-service-door");
        fixture.execute("UPDATE doors SET state = 'OUT_OF_SERVICE' WHERE id = " + parcel.doorId);

        TestReply deposited = disable(parcel.deposit);

        assertEquals(200, deposited.status(), deposited.toString());
        assertEquals("OUT_OF_SERVICE", doorState(parcel));
    }

    @Test
    void the_domain_classes_work_without_the_handler() throws Exception {
        Parcel parcel = fixture.newParcel("direct-call");
        ParcelCodes codes = new ParcelCodes(fixture.locker.services().db(), fixture.locker.services().codeHasher(),
                Duration.ofMinutes(10), new ParcelDeadlines(fixture.locker.services().db(), Duration.ofDays(3),
                        Duration.ofDays(1)));

        CodeMatch match = codes.validate(parcel.deposit);
        CodeUsed used = codes.disable(parcel.deposit);
        CodeMatch grace = codes.validate(parcel.deposit);

        assertEquals(CodeKind.DEPOSIT, match.kind());
        assertFalse(match.grace());
        assertEquals(ReservationStatus.IN_STORAGE, used.status());
        assertEquals(36, used.eventId().length());
        assertTrue(grace.grace());
        assertEquals(ReservationStatus.IN_STORAGE, grace.status());
    }
}
