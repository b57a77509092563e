package io.cacifo.controller;

import io.cacifo.kit.testing.FakeGateway;
import io.cacifo.kit.testing.FakeGateway.Answer;
import com.google.gson.JsonObject;
import io.cacifo.kit.db.Db;
import io.cacifo.kit.doors.DoorOperationDao;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.cacifo.controller.ControllerRig.DEPOSIT;
import static io.cacifo.controller.ControllerRig.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The door journal's reconciliation through {@code sync}: operations a crashed run (or a follow-up
 * that gave up) left OPENING or WAITING are settled by the board's word, reservation-manager's
 * {@code complete} and the journal, never by the code.
 */
class DoorReconcilerTest {
    /** How long a round the test holds at the board stays held unless the test lets it go sooner. */
    private static final Duration ROUND_HELD = Duration.ofSeconds(10);
    private static ControllerRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = ControllerRig.start();
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    @BeforeEach
    void freshLocker() throws Exception {
        rig.resetData();
    }

    /** Journals an operation of parcel 10 (door 4) as a run that has since died left it. */
    private static long abandoned(String state, boolean grace, int secondsAgo) throws Exception {
        rig.locker.database().execute("INSERT INTO door_operations (door_id, reservation_id, code_kind, grace, state,"
                + " started_at) VALUES (4, 10, 'DEPOSIT', " + grace + ", '" + state + "', NOW(3) - INTERVAL "
                + secondsAgo + " SECOND)");
        return Long.parseLong(rig.scalar("SELECT MAX(id) FROM door_operations"));
    }

    private static void boardSays(boolean open) {
        rig.gateway.on("door-io", "status", body -> Answer.json(200, Map.of("door_id", 4, "open", open, "occupied", true)));
    }

    private static TestReply sync() {
        TestReply reply = rig.call("sync", Map.of());
        assertEquals(200, reply.status(), reply.toString());
        return reply;
    }

    private static long events(String type) throws Exception {
        return Long.parseLong(rig.scalar("SELECT COUNT(*) FROM outbox_events WHERE type = '" + type + "'"));
    }

    @Test
    void an_operation_a_crashed_run_left_waiting_behind_a_closed_door_is_completed_done_and_reported_once() throws Exception {
        long operation = abandoned("WAITING", false, 5);

        TestReply reply = sync();

        assertEquals(1, reply.number("reconciled"), reply.toString());
        assertEquals(List.of("door-io/status", "reservation-manager/complete"), rig.gateway.callNames());
        JsonObject complete = rig.gateway.calls().get(1).body;
        assertEquals(10, complete.get("reservation_id").getAsLong());
        assertEquals("DEPOSIT", complete.get("kind").getAsString());
        assertEquals(operation, complete.get("operation_id").getAsLong());
        assertEquals(List.of("reservation_id", "kind", "operation_id", "reconciled"), List.copyOf(complete.keySet()),
                "the code is not stored, so it is not sent");
        assertTrue(complete.get("reconciled").getAsBoolean(), "the back-end hears it was a reconciliation");
        assertEquals("DONE", rig.operationState(operation));
        assertEquals(1, reply.number("delivered"), "the completion's event goes out in the same sync: " + reply);
        assertEquals(1, rig.backend.eventIds().size());

        assertEquals(0, sync().number("reconciled"));
        assertEquals(2, rig.gateway.callNames().size(), "a finished operation is not looked at again");
    }

    @Test
    void with_the_door_still_open_it_stays_waiting_and_is_finished_once_the_door_is_closed() throws Exception {
        long operation = abandoned("WAITING", false, 1);
        boardSays(true);

        assertEquals(0, sync().number("reconciled"));
        assertEquals("WAITING", rig.operationState(operation));
        assertEquals(0, rig.calls("reservation-manager/complete"), "nothing moves while the courier may be at the door");

        boardSays(false);
        assertEquals(1, sync().number("reconciled"));
        assertEquals("DONE", rig.operationState(operation));
        assertEquals(1, rig.calls("reservation-manager/complete"));
    }

    @Test
    void a_door_open_past_the_timeout_moves_the_parcel_and_ends_left_open_with_one_alarm() throws Exception {
        long operation = abandoned("WAITING", false, 10);
        boardSays(true);

        assertEquals(1, sync().number("reconciled"));
        assertEquals(0, sync().number("reconciled"), "the alarm is raised once");

        assertEquals("LEFT_OPEN", rig.operationState(operation));
        assertEquals(1, rig.calls("reservation-manager/complete"));
        assertEquals(1, events("door.left_open"));
        assertEquals(1, events("parcel.deposited"));
    }

    @Test
    void an_opening_operation_behind_a_closed_door_failed_and_moves_nothing() throws Exception {
        long operation = abandoned("OPENING", false, 60);

        assertEquals(1, sync().number("reconciled"));

        assertEquals("FAILED", rig.operationState(operation));
        assertEquals(List.of("door-io/status"), rig.gateway.callNames());
        assertEquals("0", rig.scalar("SELECT COUNT(*) FROM outbox_events"));
    }

    @Test
    void an_opening_operation_behind_an_open_door_is_settled_as_a_waiting_one() throws Exception {
        long operation = abandoned("OPENING", false, 1);
        boardSays(true);
        assertEquals(0, sync().number("reconciled"));
        assertEquals("OPENING", rig.operationState(operation), "younger than the settle time: another run may be opening it");
        assertEquals(List.of(), rig.gateway.callNames());

        rig.locker.database().execute("UPDATE door_operations SET started_at = NOW(3) - INTERVAL "
                + (DoorReconciler.OPENING_SETTLE.toSeconds() + 1) + " SECOND WHERE id = " + operation);
        assertEquals(1, sync().number("reconciled"));

        assertEquals("LEFT_OPEN", rig.operationState(operation), "open, and for longer than the door-close timeout");
        assertEquals(1, rig.calls("reservation-manager/complete"));
        assertEquals(1, events("door.left_open"));
    }

    @Test
    void a_grace_re_open_found_open_after_a_crash_is_reported_once_as_door_reopened() throws Exception {
        long operation = abandoned("OPENING", true, (int) DoorReconciler.OPENING_SETTLE.toSeconds() + 1);
        boardSays(true);

        sync();
        sync();

        assertEquals("LEFT_OPEN", rig.operationState(operation), "open, and for longer than the door-close timeout");
        assertEquals(1, events("door.reopened"));
        assertEquals(0, events("parcel.deposited"));
    }

    @Test
    void a_grace_re_open_is_finished_without_touching_the_parcel() throws Exception {
        long operation = abandoned("WAITING", true, 5);

        assertEquals(1, sync().number("reconciled"));

        assertEquals("DONE", rig.operationState(operation));
        assertEquals(List.of("door-io/status"), rig.gateway.callNames());
    }

    @ParameterizedTest(name = "door-io status {0} {1} -> left WAITING")
    @CsvSource(delimiter = '|', value = {
            "503 | {\"error\":\"board_unavailable\",\"message\":\"x\"}",
            "502 | Bad Gateway",
            "404 | {\"error\":\"not_found\",\"message\":\"x\"}",
            "200 | {\"door_id\":4}",
    })
    void when_the_board_cannot_say_the_operation_waits_for_a_later_pass(int status, String body) throws Exception {
        long operation = abandoned("WAITING", false, 5);
        rig.gateway.on("door-io", "status", request -> new Answer(status, body));
        String before = rig.locker.database().dump();

        assertEquals(0, sync().number("reconciled"));

        assertEquals(before, rig.locker.database().dump());
        assertEquals(0, rig.calls("reservation-manager/complete"));
        boardSays(false);
        assertEquals(1, sync().number("reconciled"), "and it is finished once the board answers");
        assertEquals("DONE", rig.operationState(operation));
    }

    @ParameterizedTest(name = "complete {0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "503 | {\"error\":\"db_unavailable\",\"message\":\"x\"}       | WAITING",
            "502 | Bad Gateway                                           | WAITING",
            "500 | {\"error\":\"internal\",\"message\":\"x\"}             | WAITING",
            "404 | {\"error\":\"not_found\",\"message\":\"x\"}            | WAITING",
            "409 | {\"error\":\"already_used\",\"message\":\"x\"}         | DONE",
            "409 | {\"error\":\"invalid_transition\",\"message\":\"x\"}   | DONE",
            "200 | {\"applied\":false,\"status\":\"IN_STORAGE\"}         | DONE",
    })
    void what_reservation_manager_answers_decides_whether_the_operation_is_done(int status, String body, String state)
            throws Exception {
        long operation = abandoned("WAITING", false, 5);
        rig.gateway.on("reservation-manager", "complete", request -> new Answer(status, body));

        sync();

        assertEquals(state, rig.operationState(operation));
        assertEquals("0", rig.scalar("SELECT COUNT(*) FROM outbox_events"));
    }

    @Test
    void an_operation_this_run_still_follows_is_left_to_its_follow_up() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        rig.gateway.on("door-io", "close", body -> {
            closed.await(10, TimeUnit.SECONDS);
            return Answer.json(200, Map.of("door_id", 4, "closed", true));
        });
        long operation = rig.enter(DEPOSIT).number("operation_id");
        rig.locker.database().execute("UPDATE door_operations SET started_at = NOW(3) - INTERVAL 1 HOUR WHERE id = " + operation);

        assertEquals(0, sync().number("reconciled"));
        assertEquals(0, rig.calls("door-io/status"));

        closed.countDown();
        rig.awaitOperation(operation, "DONE");
        assertEquals(0, rig.calls("door-io/status"), "the reconciler never looked at it");
        assertEquals(1, rig.calls("reservation-manager/complete"));
        assertFalse(rig.gateway.calls().get(3).body.has("reconciled"), "the follow-up moved the parcel, not a reconciliation");
    }

    @Test
    void an_operation_whose_follow_up_gave_up_is_finished_by_the_next_sync() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        rig.gateway.on("reservation-manager", "complete", body -> down.get()
                ? Answer.json(503, Map.of("error", "db_unavailable", "message", "down"))
                : Answer.json(200, Map.of("applied", true, "status", "IN_STORAGE")));
        String marker = rig.markOutbox();
        long operation = rig.enter(DEPOSIT).number("operation_id");
        rig.awaitFollowUpEnd(marker);
        assertEquals("WAITING", rig.operationState(operation));
        assertEquals(3, rig.calls("reservation-manager/complete"));
        down.set(false);

        assertEquals(1, sync().number("reconciled"));

        assertEquals("DONE", rig.operationState(operation));
        assertEquals(4, rig.calls("reservation-manager/complete"), "three by the follow-up, then one by the reconciler");
    }

    @Test
    void an_anonymous_sync_runs_a_round_and_learns_nothing_about_the_locker() throws Exception {
        long operation = abandoned("WAITING", false, 5);

        TestReply reply = TestLocker.send(rig.handler, rig.locker.unsigned("sync", Map.of()));

        assertEquals(200, reply.status(), reply.toString());
        assertEquals("{\"synced\":true}", reply.body());
        assertEquals("DONE", rig.operationState(operation), "the cron-connector's call still does the work");
    }

    @Test
    void a_sync_while_a_round_runs_is_skipped_at_once_instead_of_waiting() throws Exception {
        long operation = abandoned("WAITING", false, 5);
        CountDownLatch boardAsked = new CountDownLatch(1);
        CountDownLatch boardAnswers = new CountDownLatch(1);
        rig.gateway.on("door-io", "status", body -> {
            boardAsked.countDown();
            boardAnswers.await(ROUND_HELD.toMillis(), TimeUnit.MILLISECONDS);
            return Answer.json(200, Map.of("door_id", 4, "open", false, "occupied", true));
        });
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<TestReply> running = first.submit(DoorReconcilerTest::sync);
            assertTrue(boardAsked.await(10, TimeUnit.SECONDS));

            long started = System.nanoTime();
            TestReply skipped = sync();
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            boardAnswers.countDown();

            assertEquals("{\"synced\":false}", skipped.body());
            assertTrue(tookMs < ROUND_HELD.toMillis(), "a skipped sync must answer while the round is held at the board,"
                    + " not wait for it: " + tookMs + " ms");
            assertEquals(1, running.get(10, TimeUnit.SECONDS).number("reconciled"));
            assertEquals("DONE", rig.operationState(operation));
        } finally {
            boardAnswers.countDown();
            first.shutdownNow();
        }
    }

    @Test
    void the_timer_reconciles_at_once_when_the_controller_starts_and_not_before() throws Exception {
        long operation = abandoned("WAITING", false, 5);
        Db db = rig.locker.services().db();
        DoorOperationDao operations = new DoorOperationDao(db);
        Duration closeTimeout = Duration.ofMillis(ControllerRig.CLOSE_TIMEOUT_MS);
        DoorReconciler reconciler = new DoorReconciler(rig.locker.services().gateway(), operations,
                new OperationsInFlight(), closeTimeout,
                new OperationFinisher(rig.locker.services().gateway(), operations, closeTimeout, Duration.ZERO));
        ControllerThreads threads = new ControllerThreads(Duration.ofHours(1));
        try {
            // Created threads are not given the round until start: nothing can have run it yet.
            assertEquals("WAITING", rig.operationState(operation));

            threads.start(reconciler::reconcileQuietly);

            rig.awaitOperation(operation, "DONE");
        } finally {
            threads.stop();
        }
        assertTrue(rig.calls("reservation-manager/complete") == 1, rig.gateway.callNames().toString());
    }
}
