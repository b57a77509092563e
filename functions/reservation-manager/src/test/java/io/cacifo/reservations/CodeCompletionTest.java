package io.cacifo.reservations;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;
import io.cacifo.reservations.LockerFixture.Parcel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * complete: the controller's one way to move a parcel on after its door: the typed code is gone
 * (the controller forgets it once the screen has its answer, and a crash loses it), and only the
 * journal says which parcel's code of which kind opened the door. Most cases here are a
 * reconciliation after a crash ({@code reconciled: true}); the follow-up's call leaves it out.
 */
class CodeCompletionTest {
    private static LockerFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new LockerFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    /** Journals an operation as the controller does, {@code minutesAgo} by the database's clock. */
    private static long journal(Parcel parcel, String kind, String state, boolean grace, int minutesAgo) throws Exception {
        fixture.execute("INSERT INTO door_operations (door_id, reservation_id, code_kind, grace, state, started_at)"
                + " VALUES (" + parcel.doorId + ", " + parcel.id + ", '" + kind + "', " + grace + ", '" + state + "',"
                + " UTC_TIMESTAMP(3) - INTERVAL " + minutesAgo + " MINUTE)");
        return Long.parseLong(fixture.scalar("SELECT MAX(id) FROM door_operations"));
    }

    /** A reconciler's call; the follow-up sends the same without {@code reconciled}. */
    private static Map<String, Object> body(long reservationId, String kind, long operationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reservation_id", reservationId);
        body.put("kind", kind);
        body.put("operation_id", operationId);
        body.put("reconciled", true);
        return body;
    }

    private static TestReply complete(Parcel parcel, String kind, long operationId) {
        return fixture.call("complete", body(parcel.id, kind, operationId));
    }

    private static String events(Parcel parcel) throws Exception {
        return fixture.scalar("SELECT COALESCE(GROUP_CONCAT(type ORDER BY sequence), '') FROM outbox_events"
                + " WHERE reservation_id = " + parcel.id);
    }

    private static void deposit(Parcel parcel) {
        TestReply used = fixture.call("disable", Map.of("code", parcel.deposit));
        assertEquals(200, used.status(), used.toString());
    }

    @Test
    void a_journaled_deposit_is_completed_once_and_the_code_counts_as_used_from_the_moment_the_door_opened()
            throws Exception {
        Parcel parcel = fixture.newParcel("complete-deposit");
        long operation = journal(parcel, "DEPOSIT", "WAITING", false, 2);

        TestReply first = complete(parcel, "DEPOSIT", operation);

        assertEquals(200, first.status(), first.toString());
        assertEquals(List.of("reservation_id", "door_id", "kind", "status", "applied", "event_id"),
                new ArrayList<>(first.json().keySet()));
        assertEquals("IN_STORAGE", first.text("status"));
        assertTrue(first.json().get("applied").getAsBoolean());
        assertEquals(fixture.scalar("SELECT event_id FROM outbox_events WHERE reservation_id = " + parcel.id),
                first.text("event_id"));
        assertEquals("IN_STORAGE", fixture.scalar("SELECT status FROM reservations WHERE id = " + parcel.id));
        assertEquals("OCCUPIED", fixture.scalar("SELECT state FROM doors WHERE id = " + parcel.doorId));
        assertEquals(fixture.scalar("SELECT started_at FROM door_operations WHERE id = " + operation),
                fixture.scalar("SELECT used_at FROM reservation_codes WHERE reservation_id = " + parcel.id
                        + " AND kind = 'DEPOSIT'"), "the grace period runs from the door's opening");
        JsonObject payload = JsonParser.parseString(fixture.scalar(
                "SELECT payload FROM outbox_events WHERE reservation_id = " + parcel.id)).getAsJsonObject();
        assertEquals(operation, payload.get("operation_id").getAsLong());
        assertTrue(payload.get("reconciled").getAsBoolean());
        assertEquals("IN_STORAGE", payload.get("status").getAsString());

        String before = fixture.dump();
        TestReply again = complete(parcel, "DEPOSIT", operation);

        assertEquals(200, again.status(), again.toString());
        assertFalse(again.json().get("applied").getAsBoolean());
        assertTrue(again.json().get("event_id").isJsonNull());
        assertEquals("IN_STORAGE", again.text("status"));
        assertEquals(before, fixture.dump(), "a repeat changes nothing");
        assertEquals("parcel.deposited", events(parcel), "one event in effect");
        assertEquals(409, fixture.call("disable", Map.of("code", parcel.deposit)).status());
        TestReply reopen = fixture.call("validate", Map.of("code", parcel.deposit));
        assertTrue(reopen.json().get("grace").getAsBoolean(), "two minutes after the door opened: " + reopen);
    }

    @Test
    void the_follow_up_s_completion_reports_its_operation_and_is_not_called_a_reconciliation() throws Exception {
        Parcel parcel = fixture.newParcel("complete-follow-up");
        long operation = journal(parcel, "DEPOSIT", "WAITING", false, 0);
        Map<String, Object> body = body(parcel.id, "DEPOSIT", operation);
        body.remove("reconciled");

        TestReply reply = fixture.call("complete", body);

        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.json().get("applied").getAsBoolean());
        JsonObject payload = JsonParser.parseString(fixture.scalar(
                "SELECT payload FROM outbox_events WHERE reservation_id = " + parcel.id)).getAsJsonObject();
        assertEquals(operation, payload.get("operation_id").getAsLong());
        assertFalse(payload.get("reconciled").getAsBoolean(), payload.toString());
    }

    @Test
    void a_completion_later_than_the_grace_period_leaves_a_code_that_opens_nothing() throws Exception {
        Parcel parcel = fixture.newParcel("complete-late");
        long operation = journal(parcel, "DEPOSIT", "WAITING", false, 15);

        assertEquals(200, complete(parcel, "DEPOSIT", operation).status());

        TestReply validate = fixture.call("validate", Map.of("code", parcel.deposit));
        assertEquals(404, validate.status(), "the door opened 15 minutes ago; its grace is over: " + validate);
        assertEquals("IN_STORAGE", fixture.scalar("SELECT status FROM reservations WHERE id = " + parcel.id));
    }

    @Test
    void a_code_disabled_before_the_crash_is_not_used_twice() throws Exception {
        Parcel parcel = fixture.newParcel("complete-after-disable");
        long operation = journal(parcel, "DEPOSIT", "WAITING", false, 1);
        deposit(parcel);
        String before = fixture.dump();

        TestReply reply = complete(parcel, "DEPOSIT", operation);

        assertEquals(200, reply.status(), reply.toString());
        assertFalse(reply.json().get("applied").getAsBoolean());
        assertEquals(before, fixture.dump());
        assertEquals("parcel.deposited", events(parcel));
    }

    @Test
    void a_pick_up_and_a_back_up_are_completed_as_disable_would() throws Exception {
        Parcel parcel = fixture.newParcel("complete-pickup");
        deposit(parcel);
        long backup = journal(parcel, "BACKUP", "DONE", false, 1);
        TestReply backupReply = complete(parcel, "BACKUP", backup);
        assertEquals(200, backupReply.status(), backupReply.toString());
        assertEquals("IN_STORAGE", backupReply.text("status"));

        long pickup = journal(parcel, "PICKUP", "OPENING", false, 0);
        TestReply pickupReply = complete(parcel, "PICKUP", pickup);

        assertEquals(200, pickupReply.status(), pickupReply.toString());
        assertEquals("DELIVERED", pickupReply.text("status"));
        assertEquals("FREE", fixture.scalar("SELECT state FROM doors WHERE id = " + parcel.doorId));
        assertEquals("parcel.deposited,parcel.backup_opened,parcel.delivered", events(parcel));
    }

    @Test
    void a_code_that_expired_after_the_door_opened_is_still_completed() throws Exception {
        Parcel parcel = fixture.newParcel("complete-expired-since");
        long operation = journal(parcel, "DEPOSIT", "WAITING", false, 5);
        fixture.execute("UPDATE reservations SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE WHERE id = " + parcel.id);

        TestReply reply = complete(parcel, "DEPOSIT", operation);

        assertEquals(200, reply.status(), "the courier was let in before it expired: " + reply);
        assertEquals("IN_STORAGE", reply.text("status"));
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "a grace re-open                        | grace     | 409 | invalid_transition",
            "a door that never opened               | failed    | 409 | invalid_transition",
            "a parcel cancelled since               | cancelled | 409 | invalid_transition",
            "a code expired before the door opened  | expired   | 409 | invalid_transition",
            "an operation of another kind           | kind      | 404 | not_found",
            "an operation of another parcel         | parcel    | 404 | not_found",
            "an operation that was never journaled  | missing   | 404 | not_found",
    })
    void a_completion_the_journal_does_not_back_changes_nothing(String what, String setup, int status, String error)
            throws Exception {
        Parcel parcel = fixture.newParcel("complete-refused-" + setup);
        Parcel other = fixture.newParcel("complete-refused-other-" + setup);
        long operation = journal(parcel, "DEPOSIT", "failed".equals(setup) ? "FAILED" : "WAITING", "grace".equals(setup), 1);
        long reservation = parcel.id;
        String kind = "DEPOSIT";
        switch (setup) {
            case "cancelled":
                fixture.execute("UPDATE reservations SET status = 'CANCELLED' WHERE id = " + parcel.id);
                break;
            case "expired":
                fixture.execute("UPDATE reservations SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 2 MINUTE WHERE id = "
                        + parcel.id);
                break;
            case "kind":
                kind = "PICKUP";
                break;
            case "parcel":
                reservation = other.id;
                break;
            case "missing":
                operation += 1000;
                break;
            default:
                break;
        }
        String before = fixture.dump();

        TestReply reply = fixture.call("complete", body(reservation, kind, operation));

        assertEquals(status, reply.status(), what + ": " + reply);
        assertEquals(error, reply.error(), what + ": " + reply);
        assertEquals(before, fixture.dump(), what + " must change nothing");
    }

    @ParameterizedTest(name = "{0} -> 400 {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"kind\": \"DEPOSIT\", \"operation_id\": 1}                              | missing_field",
            "{\"reservation_id\": 1, \"operation_id\": 1}                              | missing_field",
            "{\"reservation_id\": 1, \"kind\": \"DEPOSIT\"}                            | missing_field",
            "{\"reservation_id\": 1, \"kind\": \"PARCEL\", \"operation_id\": 1}        | invalid_field",
            "{\"reservation_id\": \"1\", \"kind\": \"DEPOSIT\", \"operation_id\": 1}   | invalid_field",
            "{\"reservation_id\": -1, \"kind\": \"DEPOSIT\", \"operation_id\": 1}      | invalid_field",
            "{\"reservation_id\": 1, \"kind\": \"DEPOSIT\", \"operation_id\": 1.5}     | invalid_field",
            "{\"reservation_id\": 1, \"kind\": \"' OR 1=1 --\", \"operation_id\": 1}   | invalid_field",
            "{\"reservation_id\": 1, \"kind\": \"DEPOSIT\", \"operation_id\": 1, \"reconciled\": 1} | invalid_field",
            "[1, \"DEPOSIT\", 1]                                                       | malformed_json",
    })
    void a_malformed_completion_is_a_400_and_changes_nothing(String body, String error) throws Exception {
        String before = fixture.dump();

        TestReply reply = fixture.call("complete", body);

        assertEquals(400, reply.status(), reply.toString());
        assertEquals(error, reply.error(), reply.toString());
        assertEquals(before, fixture.dump());
    }

    @Test
    void only_the_locker_s_own_key_may_complete_a_code() throws Exception {
        Parcel parcel = fixture.newParcel("complete-signers");
        long operation = journal(parcel, "DEPOSIT", "WAITING", false, 1);
        Map<String, Object> body = body(parcel.id, "DEPOSIT", operation);
        String before = fixture.dump();

        for (TestReply reply : List.of(TestLocker.send(fixture.handler, fixture.locker.backendSigned("complete", body)),
                TestLocker.send(fixture.handler, fixture.locker.unsigned("complete", body)))) {
            assertEquals(401, reply.status(), reply.toString());
            assertEquals("unauthorized", reply.error());
        }
        assertEquals(before, fixture.dump());
    }

    @Test
    void a_completion_and_a_disable_of_one_code_at_the_same_moment_use_it_once() throws Exception {
        for (int round = 0; round < 5; round++) {
            Parcel parcel = fixture.newParcel("complete-race-" + round);
            long operation = journal(parcel, "DEPOSIT", "WAITING", false, 0);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService callers = Executors.newFixedThreadPool(2);
            try {
                Future<TestReply> completed = callers.submit(() -> {
                    go.await();
                    return complete(parcel, "DEPOSIT", operation);
                });
                Future<TestReply> disabled = callers.submit(() -> {
                    go.await();
                    return fixture.call("disable", Map.of("code", parcel.deposit));
                });
                go.countDown();
                TestReply completion = completed.get();
                TestReply disable = disabled.get();

                assertEquals(200, completion.status(), completion.toString());
                boolean completionWon = completion.json().get("applied").getAsBoolean();
                assertEquals(completionWon ? 409 : 200, disable.status(), "round " + round + ": " + completion + " / " + disable);
                assertEquals("parcel.deposited", events(parcel), "round " + round);
            } finally {
                callers.shutdownNow();
            }
        }
    }
}
