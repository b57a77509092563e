package io.cacifo.reservations;

import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;
import io.cacifo.reservations.LockerFixture.Parcel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * move: the controller found an arriving parcel's door jammed, and the parcel goes to a FREE door of
 * the same size, else the next larger, lowest id first; the back-end hears of it once.
 */
class DoorMoveTest {
    private static LockerFixture fixture;
    private static int nextParcel;

    @BeforeAll
    static void start() {
        fixture = new LockerFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @BeforeEach
    void emptyLocker() throws Exception {
        fixture.execute("DELETE FROM door_operations; DELETE FROM outbox_events; DELETE FROM reservations; DELETE FROM doors");
    }

    /** Doors as "id:SIZE" or "id:SIZE:STATE". */
    private static void doors(String... doors) throws Exception {
        for (String door : doors) {
            String[] parts = door.split(":");
            fixture.execute("INSERT INTO doors (id, size, state) VALUES (" + parts[0] + ", '" + parts[1] + "', '"
                    + (parts.length > 2 ? parts[2] : "FREE") + "')");
        }
    }

    private static Parcel parcelAt(int door) {
        return fixture.newParcelAt("move-" + (++nextParcel), door);
    }

    /** The door turns out jammed after the parcel was given to it: door-manager's report_fault. */
    private static void jam(int door) throws Exception {
        fixture.execute("UPDATE doors SET state = 'OUT_OF_SERVICE', out_of_service_reason = 'jammed' WHERE id = " + door);
    }

    private static TestReply move(Parcel parcel, int from) {
        return fixture.call("move", Map.of("reservation_id", parcel.id, "from_door_id", from, "reason", "jammed"));
    }

    private static String doorOf(Parcel parcel) throws Exception {
        return fixture.scalar("SELECT door_id FROM reservations WHERE id = " + parcel.id);
    }

    @Test
    void the_parcel_goes_to_the_lowest_free_door_of_the_same_size_and_the_back_end_hears_it_once() throws Exception {
        doors("1:SMALL", "2:SMALL", "3:SMALL", "4:SMALL", "5:MEDIUM");
        Parcel parcel = parcelAt(1);
        parcelAt(2);
        jam(1);

        TestReply moved = move(parcel, 1);

        assertEquals(200, moved.status(), moved.toString());
        assertEquals(parcel.id, moved.number("reservation_id"));
        assertEquals(3, moved.number("door_id"), "door 2 holds a parcel");
        assertEquals(1, moved.number("previous_door_id"));
        assertTrue(moved.json().get("applied").getAsBoolean());
        assertEquals("3", doorOf(parcel));
        assertEquals("ARRIVING", fixture.scalar("SELECT status FROM reservations WHERE id = " + parcel.id));
        assertEquals("FREE", fixture.scalar("SELECT state FROM doors WHERE id = 3"), "the parcel is not in it yet");
        assertEquals("OUT_OF_SERVICE", fixture.scalar("SELECT state FROM doors WHERE id = 1"));
        assertEquals("parcel.door_changed 3", fixture.scalar("SELECT CONCAT(type, ' ', door_id) FROM outbox_events"
                + " WHERE reservation_id = " + parcel.id));
        String externalId = fixture.scalar("SELECT external_id FROM reservations WHERE id = " + parcel.id);
        assertEquals(externalId + " 1 3 jammed", fixture.scalar("SELECT CONCAT_WS(' ', JSON_VALUE(payload, '$.external_id'),"
                + " JSON_VALUE(payload, '$.from_door_id'), JSON_VALUE(payload, '$.to_door_id'),"
                + " JSON_VALUE(payload, '$.reason')) FROM outbox_events"));
        assertTrue(fixture.scalar("SELECT JSON_VALUE(payload, '$.at') FROM outbox_events").endsWith("Z"));
    }

    @Test
    void with_no_free_door_of_its_size_the_parcel_goes_to_the_next_larger_size_before_a_lower_numbered_larger_one()
            throws Exception {
        doors("1:SMALL", "2:SMALL:OUT_OF_SERVICE", "3:SMALL:OCCUPIED", "4:EXTRA_LARGE", "5:LARGE", "6:MEDIUM:OCCUPIED",
                "7:LARGE");
        Parcel parcel = parcelAt(1);
        jam(1);

        TestReply moved = move(parcel, 1);

        assertEquals(200, moved.status(), moved.toString());
        assertEquals(5, moved.number("door_id"), "LARGE is the next size with a free door; 5 before 7, EXTRA_LARGE after");
    }

    @Test
    void a_door_an_operation_holds_is_passed_over() throws Exception {
        doors("1:MEDIUM", "2:MEDIUM", "3:MEDIUM");
        Parcel gone = parcelAt(2);
        fixture.call("disable", Map.of("code", gone.deposit));
        fixture.call("disable", Map.of("code", gone.pickup));
        // The customer re-opens door 2 in the grace period: it is FREE but held.
        fixture.execute("INSERT INTO door_operations (door_id, reservation_id, code_kind, grace, state)"
                + " VALUES (2, " + gone.id + ", 'PICKUP', TRUE, 'WAITING')");
        Parcel parcel = parcelAt(1);
        jam(1);

        TestReply moved = move(parcel, 1);

        assertEquals(3, moved.number("door_id"), moved.toString());
    }

    @Test
    void a_parcel_never_goes_to_a_smaller_door_and_with_none_left_nothing_changes() throws Exception {
        doors("1:SMALL", "2:SMALL", "5:MEDIUM", "6:MEDIUM:OUT_OF_SERVICE");
        Parcel parcel = parcelAt(5);
        jam(5);
        String before = fixture.dump();

        TestReply refused = move(parcel, 5);

        assertEquals(409, refused.status(), refused.toString());
        assertEquals("no_free_door", refused.error());
        assertFalse(refused.text("message").isBlank());
        assertEquals(before, fixture.dump());
    }

    @Test
    void asking_again_for_a_parcel_already_moved_answers_its_door_and_changes_nothing() throws Exception {
        doors("1:SMALL", "2:SMALL", "3:SMALL");
        Parcel parcel = parcelAt(1);
        jam(1);
        move(parcel, 1);
        String before = fixture.dump();

        TestReply again = move(parcel, 1);

        assertEquals(200, again.status(), again.toString());
        assertEquals(2, again.number("door_id"));
        assertEquals(1, again.number("previous_door_id"));
        assertFalse(again.json().get("applied").getAsBoolean());
        assertEquals(before, fixture.dump());
        assertEquals("1", fixture.scalar("SELECT COUNT(*) FROM outbox_events"));
    }

    @Test
    void the_deposit_code_follows_the_parcel_to_its_new_door() throws Exception {
        doors("1:LARGE", "2:LARGE");
        Parcel parcel = parcelAt(1);
        jam(1);
        move(parcel, 1);

        TestReply validated = fixture.call("validate", Map.of("code", parcel.deposit));

        assertEquals(200, validated.status(), validated.toString());
        assertEquals(2, validated.number("door_id"));
        assertEquals("DEPOSIT", validated.text("kind"));
    }

    @Test
    void a_parcel_that_is_no_longer_arriving_does_not_move() throws Exception {
        doors("1:SMALL", "2:SMALL");
        Parcel parcel = parcelAt(1);
        fixture.call("disable", Map.of("code", parcel.deposit));
        String before = fixture.dump();

        TestReply refused = move(parcel, 1);

        assertEquals(409, refused.status(), refused.toString());
        assertEquals("invalid_transition", refused.error());
        assertEquals(before, fixture.dump());
    }

    @Test
    void two_jammed_parcels_and_one_free_door_one_moves_and_the_other_is_told_there_is_none() throws Exception {
        doors("1:SMALL", "2:SMALL", "3:SMALL");
        Parcel first = parcelAt(1);
        Parcel second = parcelAt(2);
        jam(1);
        jam(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<TestReply>> replies = new ArrayList<>();
        try {
            for (Object[] job : new Object[][] {{first, 1}, {second, 2}}) {
                replies.add(threads.submit(() -> {
                    go.await();
                    return move((Parcel) job[0], (Integer) job[1]);
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<TestReply> reply : replies) {
                statuses.add(reply.get().status());
            }
            statuses.sort(null);
            assertEquals(List.of(200, 409), statuses, replies.toString());
        } finally {
            threads.shutdownNow();
        }
        assertEquals("1", fixture.scalar("SELECT COUNT(*) FROM reservations WHERE door_id = 3"));
        assertEquals("1", fixture.scalar("SELECT COUNT(*) FROM outbox_events WHERE type = 'parcel.door_changed'"));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"from_door_id\": 1}                                           | 400 | missing_field",
            "{\"reservation_id\": 1}                                         | 400 | missing_field",
            "{\"reservation_id\": 0, \"from_door_id\": 1}                    | 400 | invalid_field",
            "{\"reservation_id\": 1, \"from_door_id\": 10000}                | 400 | invalid_field",
            "{\"reservation_id\": 1, \"from_door_id\": 1, \"reason\": \"x\"} | 400 | invalid_field",
            "{\"reservation_id\": 987654, \"from_door_id\": 1}               | 404 | not_found",
    })
    void bad_input_changes_nothing(String body, int status, String error) throws Exception {
        doors("1:SMALL", "2:SMALL");
        parcelAt(1);
        String before = fixture.dump();

        TestReply reply = fixture.call("move", body);

        assertEquals(status, reply.status(), reply.toString());
        assertEquals(error, reply.error(), reply.toString());
        assertEquals(before, fixture.dump());
    }

    @Test
    void only_the_locker_moves_parcels_never_the_back_end() throws Exception {
        doors("1:SMALL", "2:SMALL");
        Parcel parcel = parcelAt(1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reservation_id", parcel.id);
        body.put("from_door_id", 1);

        TestReply reply = TestLocker.send(fixture.handler, fixture.locker.backendSigned("move", body));

        assertEquals(401, reply.status(), reply.toString());
        assertEquals("1", doorOf(parcel));
    }
}
