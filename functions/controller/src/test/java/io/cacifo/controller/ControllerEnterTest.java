package io.cacifo.controller;

import com.google.gson.JsonObject;
import io.cacifo.kit.testing.FakeGateway;
import io.cacifo.kit.testing.FakeGateway.Answer;
import com.openfaas.model.Request;
import io.cacifo.kit.http.ActionRouter;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.cacifo.controller.ControllerRig.BACKUP;
import static io.cacifo.controller.ControllerRig.DEPOSIT;
import static io.cacifo.controller.ControllerRig.GRACE;
import static io.cacifo.controller.ControllerRig.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The controller's enter workflow through its Handler when the other functions do their part. */
class ControllerEnterTest {
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

    @Test
    void a_deposit_is_validated_opened_waited_for_and_completed_in_that_order_and_the_journal_ends_done() throws Exception {
        TestReply reply = rig.enter(DEPOSIT);

        assertEquals(200, reply.status(), reply.toString());
        assertEquals(List.of("door_id", "kind", "grace", "operation_id"), new ArrayList<>(reply.json().keySet()));
        long operation = reply.number("operation_id");
        assertEquals(4, reply.number("door_id"));
        assertEquals("DEPOSIT", reply.text("kind"));
        assertFalse(reply.json().get("grace").getAsBoolean());
        rig.awaitOperation(operation, "DONE");
        assertEquals(List.of("reservation-manager/validate", "door-io/open", "door-io/close", "reservation-manager/complete"),
                rig.gateway.callNames());
        List<FakeGateway.Received> calls = rig.gateway.calls();
        assertTrue(calls.stream().allMatch(call -> call.signed), "every call must be signed");
        assertEquals(DEPOSIT, calls.get(0).body.get("code").getAsString());
        assertEquals(4, calls.get(1).body.get("door_id").getAsInt());
        assertEquals(4, calls.get(2).body.get("door_id").getAsInt());
        assertEquals(ControllerRig.CLOSE_TIMEOUT_MS, calls.get(2).body.get("timeout_ms").getAsLong());
        JsonObject complete = calls.get(3).body;
        assertEquals(List.of("reservation_id", "kind", "operation_id"), List.copyOf(complete.keySet()),
                "once the screen has its answer the code goes nowhere: the parcel moves by its journaled operation");
        assertEquals(10, complete.get("reservation_id").getAsLong());
        assertEquals("DEPOSIT", complete.get("kind").getAsString());
        assertEquals(operation, complete.get("operation_id").getAsLong());
        assertNotNull(rig.scalar("SELECT finished_at FROM door_operations WHERE id = " + operation));
        assertEquals("4 10 DEPOSIT 0", rig.scalar("SELECT CONCAT_WS(' ', door_id, reservation_id, code_kind, grace)"
                + " FROM door_operations WHERE id = " + operation));
        eventually("the parcel.deposited event at the back-end", () -> rig.backend.eventIds().size() == 1);
        assertEquals("parcel.deposited", rig.backend.batches().get(0).getAsJsonArray("events").get(0)
                .getAsJsonObject().get("type").getAsString());
    }

    @Test
    void a_code_in_its_grace_period_reopens_the_door_without_moving_the_parcel() throws Exception {
        TestReply reply = rig.enter(GRACE);

        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.json().get("grace").getAsBoolean());
        rig.awaitOperation(reply.number("operation_id"), "DONE");
        assertEquals(List.of("reservation-manager/validate", "door-io/open", "door-io/close"), rig.gateway.callNames());
        assertEquals("1", rig.scalar("SELECT grace FROM door_operations"));
    }

    @Test
    void a_grace_re_open_tells_the_back_end_which_parcel_door_and_code_kind_but_never_the_code() throws Exception {
        TestReply reply = rig.enter(GRACE);

        assertEquals(200, reply.status(), reply.toString());
        long operation = reply.number("operation_id");
        rig.awaitOperation(operation, "DONE");
        eventually("the door.reopened event at the back-end", () -> rig.backend.eventIds().size() == 1);
        JsonObject event = rig.backend.batches().get(0).getAsJsonArray("events").get(0).getAsJsonObject();
        assertEquals("door.reopened", event.get("type").getAsString());
        assertEquals(11, event.get("reservation_id").getAsLong());
        assertEquals(5, event.get("door_id").getAsInt());
        JsonObject payload = event.getAsJsonObject("payload");
        assertEquals(operation, payload.get("operation_id").getAsLong());
        assertEquals("parcel-11", payload.get("external_id").getAsString());
        assertEquals("PICKUP", payload.get("kind").getAsString());
        assertFalse(event.toString().contains(GRACE), "the code never leaves the locker: " + event);
        assertEquals("1", rig.scalar("SELECT COUNT(*) FROM outbox_events"), "one event for one re-open");
    }

    @Test
    void a_code_whose_door_does_not_open_in_grace_tells_the_back_end_nothing() throws Exception {
        rig.gateway.on("door-io", "open", body -> Answer.json(503, Map.of("error", "board_unavailable", "message", "x")));

        TestReply reply = rig.enter(GRACE);

        assertEquals(503, reply.status(), reply.toString());
        assertEquals("FAILED", rig.scalar("SELECT state FROM door_operations"));
        assertEquals("0", rig.scalar("SELECT COUNT(*) FROM outbox_events"));
    }

    @Test
    void a_door_left_open_still_changes_the_status_and_raises_a_door_left_open_alarm() throws Exception {
        rig.gateway.on("door-io", "close", body -> Answer.json(200, Map.of("door_id", 6, "closed", false)));

        TestReply reply = rig.enter(BACKUP);

        assertEquals(200, reply.status(), reply.toString());
        long operation = reply.number("operation_id");
        rig.awaitOperation(operation, "LEFT_OPEN");
        assertEquals(List.of("reservation-manager/validate", "door-io/open", "door-io/close", "reservation-manager/complete"),
                rig.gateway.callNames());
        assertNotNull(rig.scalar("SELECT finished_at FROM door_operations WHERE id = " + operation));
        assertEquals("6 12", rig.scalar("SELECT CONCAT_WS(' ', door_id, reservation_id) FROM outbox_events"
                + " WHERE type = 'door.left_open'"));
        assertEquals(Long.toString(operation), rig.scalar("SELECT JSON_VALUE(payload, '$.operation_id') FROM outbox_events"
                + " WHERE type = 'door.left_open'"));
        List<String> written = List.of(rig.scalar("SELECT GROUP_CONCAT(event_id ORDER BY sequence) FROM outbox_events")
                .split(","));
        assertEquals(2, written.size());
        // Filtered to this test's events: a flush still running from the test before may deliver one of its own late.
        eventually("both events at the back-end", () -> rig.backend.eventIds().containsAll(written));
        List<String> types = new ArrayList<>();
        rig.backend.batches().forEach(batch -> batch.getAsJsonArray("events").forEach(event -> {
            if (written.contains(event.getAsJsonObject().get("event_id").getAsString())) {
                types.add(event.getAsJsonObject().get("type").getAsString());
            }
        }));
        assertEquals(List.of("parcel.deposited", "door.left_open"), types, "events go in the order they were written");
    }

    @Test
    void two_entries_at_once_for_one_door_open_it_once_and_the_other_hears_door_busy() throws Exception {
        CountDownLatch personStillThere = new CountDownLatch(1);
        rig.gateway.on("door-io", "close", body -> {
            personStillThere.await(10, TimeUnit.SECONDS);
            return Answer.json(200, Map.of("door_id", 4, "closed", true));
        });
        ExecutorService screens = Executors.newFixedThreadPool(2);
        List<TestReply> replies = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TestReply>> both = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                both.add(screens.submit(() -> {
                    go.await();
                    return rig.enter(DEPOSIT);
                }));
            }
            go.countDown();
            for (Future<TestReply> reply : both) {
                replies.add(reply.get(10, TimeUnit.SECONDS));
            }
        } finally {
            screens.shutdownNow();
        }
        replies.sort((a, b) -> Integer.compare(a.status(), b.status()));

        assertEquals(200, replies.get(0).status(), replies.toString());
        assertEquals(409, replies.get(1).status(), replies.toString());
        assertEquals("door_busy", replies.get(1).error());
        assertEquals(4, replies.get(1).number("door_id"));
        assertFalse(replies.get(1).text("message").isBlank());
        assertEquals(1, rig.calls("door-io/open"), "the door opens once");
        personStillThere.countDown();
        rig.awaitOperation(replies.get(0).number("operation_id"), "DONE");
        assertEquals("1", rig.scalar("SELECT COUNT(*) FROM door_operations"));

        TestReply later = rig.enter(DEPOSIT);

        assertEquals(200, later.status(), "once the first operation is done the door is free: " + later);
        rig.awaitOperation(later.number("operation_id"), "DONE");
    }

    @Test
    void only_the_locker_s_own_functions_may_enter_a_code() {
        List<TestReply> refused = List.of(
                TestLocker.send(rig.handler, rig.locker.unsigned("enter", Map.of("code", DEPOSIT, "screen_id", "main"))),
                TestLocker.send(rig.handler, rig.locker.backendSigned("enter", Map.of("code", DEPOSIT, "screen_id", "main"))));

        for (TestReply reply : refused) {
            assertEquals(401, reply.status(), reply.toString());
            assertEquals("unauthorized", reply.error());
        }
        assertEquals(0, rig.calls("reservation-manager/validate"), "a refused entry asks no one");
    }

    @Test
    void sync_needs_no_signature_and_is_what_a_call_without_a_query_does() {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put(ActionRouter.METHOD_HEADER, "POST");

        TestReply cron = TestLocker.send(rig.handler, new Request("", headers, null, "/"));
        TestReply named = TestLocker.send(rig.handler, rig.locker.unsigned("sync", Map.of()));

        for (TestReply reply : List.of(cron, named)) {
            assertEquals(200, reply.status(), reply.toString());
            assertEquals("{\"synced\":true}", reply.body(), "an anonymous caller is told no counts");
        }
        assertEquals("{\"synced\":true,\"reconciled\":0,\"delivered\":0,\"pending\":0,\"failed\":0}",
                rig.call("sync", Map.of()).body(), "the locker's own signed call gets the counts");
    }
}
