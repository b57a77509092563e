package io.cacifo.controller;

import io.cacifo.kit.testing.FakeGateway.Answer;
import io.cacifo.kit.testing.FakeGateway.Received;
import io.cacifo.kit.testing.TestReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.stream.Collectors;

import static io.cacifo.controller.ControllerRig.BACKUP;
import static io.cacifo.controller.ControllerRig.DEPOSIT;
import static io.cacifo.controller.ControllerRig.GRACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * enter when door-io says a door did not open (503 door_jammed): the door is reported to
 * door-manager; a deposit moves to another door that opens instead; anything else, or no door
 * left, is a 503 door_jammed naming the door the code named.
 */
class ControllerJammedDoorTest {
    private static ControllerRig rig;
    /** Doors the fake board cannot open. */
    private final Set<Integer> jammed = new CopyOnWriteArraySet<>();

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
        jammed.clear();
        rig.gateway.on("door-io", "open", body -> {
            int door = body.get("door_id").getAsInt();
            return jammed.contains(door)
                    ? Answer.json(503, Map.of("error", "door_jammed", "message", "x", "door_id", door, "fault", "jammed"))
                    : Answer.json(200, Map.of("door_id", door, "open", true));
        });
        rig.gateway.on("door-manager", "report_fault", body -> Answer.json(200, Map.of("door_id",
                body.get("door_id").getAsInt(), "state", "OUT_OF_SERVICE", "applied", true)));
    }

    /** reservation-manager's move hands out these doors, in order, then says there is none. */
    private void moveTo(Integer... doors) {
        List<Integer> left = new ArrayList<>(List.of(doors));
        rig.gateway.on("reservation-manager", "move", body -> left.isEmpty()
                ? Answer.json(409, Map.of("error", "no_free_door", "message", "none"))
                : Answer.json(200, Map.of("reservation_id", body.get("reservation_id").getAsLong(),
                        "door_id", left.remove(0), "previous_door_id", body.get("from_door_id").getAsInt(), "applied", true)));
    }

    private static List<String> bodies(String name) {
        return rig.gateway.calls().stream().filter(call -> name.equals(call.function + "/" + call.action))
                .map(call -> call.body.toString()).collect(Collectors.toList());
    }

    /** The controller's answer for a door that did not open: 503 door_jammed naming {@code door}. */
    private static void assertJammed(TestReply reply, int door) {
        assertEquals(503, reply.status(), reply.toString());
        assertEquals("door_jammed", reply.error());
        assertEquals(door, reply.number("door_id"));
        assertFalse(reply.text("message").isBlank());
    }

    private static List<String> operations() throws Exception {
        return List.of(rig.scalar("SELECT COALESCE(GROUP_CONCAT(CONCAT(door_id, ':', state) ORDER BY id), '')"
                + " FROM door_operations").split(","));
    }

    @Test
    void a_deposit_behind_a_jammed_door_moves_to_the_door_reservation_manager_gives_and_that_one_opens() throws Exception {
        jammed.add(4);
        moveTo(5);

        TestReply reply = rig.enter(DEPOSIT);

        assertEquals(200, reply.status(), reply.toString());
        assertEquals(5, reply.number("door_id"));
        assertEquals(4, reply.number("replaced_door_id"));
        assertEquals("DEPOSIT", reply.text("kind"));
        assertFalse(reply.json().get("grace").getAsBoolean());
        long failed = Long.parseLong(rig.scalar("SELECT id FROM door_operations WHERE door_id = 4"));
        long opened = reply.number("operation_id");
        assertEquals("FAILED", rig.operationState(failed));
        assertEquals(List.of("reservation-manager/validate", "door-io/open", "door-manager/report_fault",
                "reservation-manager/move", "door-io/open"), rig.gateway.callNames().subList(0, 5));
        assertEquals(List.of("{\"door_id\":4,\"reason\":\"jammed\",\"operation_id\":" + failed + "}"), bodies("door-manager/report_fault"));
        assertEquals(List.of("{\"reservation_id\":10,\"from_door_id\":4,\"reason\":\"jammed\"}"), bodies("reservation-manager/move"));
        rig.awaitOperation(opened, "DONE");
        assertEquals(List.of("{\"reservation_id\":10,\"kind\":\"DEPOSIT\",\"operation_id\":" + opened + "}"),
                bodies("reservation-manager/complete"), "the parcel is completed by the door that opened");
    }

    @Test
    void a_pick_up_behind_a_jammed_door_opens_nothing_else_and_names_the_door() throws Exception {
        jammed.add(6);
        moveTo(1);

        TestReply reply = rig.enter(BACKUP);

        assertJammed(reply, 6);
        assertEquals(List.of("reservation-manager/validate", "door-io/open", "door-manager/report_fault"), rig.gateway.callNames());
        assertEquals(List.of("6:FAILED"), operations());
    }

    @Test
    void a_grace_re_open_of_a_jammed_door_moves_nothing() throws Exception {
        jammed.add(5);
        moveTo(1);

        TestReply reply = rig.enter(GRACE);

        assertJammed(reply, 5);
        assertEquals(0, rig.calls("reservation-manager/move"));
        assertEquals("0", rig.scalar("SELECT COUNT(*) FROM outbox_events"), "a door that did not open was not re-opened");
    }

    @Test
    void with_no_free_door_left_the_deposit_is_a_503_door_jammed_naming_its_door() throws Exception {
        jammed.add(4);
        moveTo();

        TestReply reply = rig.enter(DEPOSIT);

        assertJammed(reply, 4);
        assertEquals(1, rig.calls("door-io/open"));
        assertEquals(List.of("4:FAILED"), operations());
    }

    @Test
    void at_most_three_doors_are_tried_for_one_code() throws Exception {
        jammed.addAll(List.of(4, 5, 6, 1));
        moveTo(5, 6, 1);

        TestReply reply = rig.enter(DEPOSIT);

        assertJammed(reply, 4);
        assertEquals(List.of("4:FAILED", "5:FAILED", "6:FAILED"), operations());
        assertEquals(3, rig.calls("door-manager/report_fault"));
        assertEquals(2, rig.calls("reservation-manager/move"));
    }

    @Test
    void a_second_jammed_door_moves_the_parcel_on_and_the_reply_names_the_first() throws Exception {
        jammed.addAll(List.of(4, 5));
        moveTo(5, 6);

        TestReply reply = rig.enter(DEPOSIT);

        assertEquals(200, reply.status(), reply.toString());
        assertEquals(6, reply.number("door_id"));
        assertEquals(4, reply.number("replaced_door_id"));
        assertEquals(List.of("{\"reservation_id\":10,\"from_door_id\":4,\"reason\":\"jammed\"}",
                "{\"reservation_id\":10,\"from_door_id\":5,\"reason\":\"jammed\"}"), bodies("reservation-manager/move"));
    }

    @Test
    void door_manager_failing_to_take_the_report_does_not_keep_the_courier_from_another_door() throws Exception {
        jammed.add(4);
        moveTo(5);
        rig.gateway.on("door-manager", "report_fault", body -> Answer.json(503, Map.of("error", "db_unavailable", "message", "x")));

        TestReply reply = rig.enter(DEPOSIT);

        assertEquals(200, reply.status(), reply.toString());
        assertEquals(5, reply.number("door_id"));
    }

    @Test
    void reservation_manager_failing_to_move_the_parcel_is_a_503_door_jammed() throws Exception {
        jammed.add(4);
        rig.gateway.on("reservation-manager", "move", body -> Answer.json(500, Map.of("error", "internal", "message", "x")));

        TestReply reply = rig.enter(DEPOSIT);

        assertJammed(reply, 4);
        assertEquals(List.of("4:FAILED"), operations());
    }

    @Test
    void a_move_answer_naming_the_jammed_door_again_opens_nothing_more() throws Exception {
        jammed.add(4);
        moveTo(4);

        TestReply reply = rig.enter(DEPOSIT);

        assertEquals(503, reply.status(), reply.toString());
        assertEquals(1, rig.calls("door-io/open"));
        List<Received> calls = rig.gateway.calls();
        assertTrue(calls.stream().noneMatch(call -> "complete".equals(call.action)), calls.toString());
    }
}
