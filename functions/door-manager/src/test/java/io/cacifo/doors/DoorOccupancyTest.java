package io.cacifo.doors;

import com.google.gson.JsonObject;
import com.openfaas.function.Handler;
import io.cacifo.kit.config.KitSettings;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The occupancy action on a fresh database per test, since it counts every door there is. */
class DoorOccupancyTest {
    private static final List<String> SIZES = List.of("SMALL", "MEDIUM", "LARGE", "EXTRA_LARGE");
    private static final List<String> COUNTS = List.of("total", "free", "occupied", "out_of_service");

    private TestLocker locker;
    private Handler handler;

    private void startLocker(Map<String, String> settings) {
        locker = TestLocker.create("door-manager", settings);
        handler = new Handler(locker.services());
    }

    @AfterEach
    void stop() throws Exception {
        if (locker != null) {
            locker.close();
        }
    }

    private TestReply call(String action, Object body) {
        return TestLocker.send(handler, locker.signedAsContract(action, body));
    }

    private void insertDoor(int id, String size, String state) {
        TestReply created = call("insert", Map.of("id", id, "size", size, "state", state));
        assertEquals(201, created.status(), created.toString());
    }

    @Test
    void an_empty_locker_reports_zero_for_every_size() {
        startLocker(Map.of());

        TestReply reply = call("occupancy", Map.of());

        assertEquals(200, reply.status(), reply.toString());
        JsonObject body = reply.json();
        assertEquals(List.of("total", "free", "occupied", "out_of_service", "by_size", "open_alarms"),
                new ArrayList<>(body.keySet()), reply.toString());
        assertCounts(body, 0, 0, 0, 0);
        JsonObject bySize = body.getAsJsonObject("by_size");
        assertEquals(SIZES, new ArrayList<>(bySize.keySet()), reply.toString());
        for (String size : SIZES) {
            assertEquals(COUNTS, new ArrayList<>(bySize.getAsJsonObject(size).keySet()), reply.toString());
            assertCounts(bySize.getAsJsonObject(size), 0, 0, 0, 0);
        }
        assertEquals(0, reply.number("open_alarms"));
    }

    @Test
    void occupancy_counts_doors_by_state_in_total_and_per_size() {
        startLocker(Map.of());
        insertDoor(1, "SMALL", "FREE");
        insertDoor(2, "SMALL", "FREE");
        insertDoor(3, "SMALL", "OCCUPIED");
        insertDoor(4, "MEDIUM", "OUT_OF_SERVICE");
        insertDoor(5, "EXTRA_LARGE", "FREE");

        TestReply reply = call("occupancy", Map.of());

        assertEquals(200, reply.status(), reply.toString());
        JsonObject body = reply.json();
        assertCounts(body, 5, 3, 1, 1);
        JsonObject bySize = body.getAsJsonObject("by_size");
        assertCounts(bySize.getAsJsonObject("SMALL"), 3, 2, 1, 0);
        assertCounts(bySize.getAsJsonObject("MEDIUM"), 1, 0, 0, 1);
        assertCounts(bySize.getAsJsonObject("LARGE"), 0, 0, 0, 0);
        assertCounts(bySize.getAsJsonObject("EXTRA_LARGE"), 1, 1, 0, 0);
    }

    @Test
    void occupancy_follows_set_state() {
        startLocker(Map.of());
        insertDoor(1, "LARGE", "FREE");

        assertEquals(200, call("set_state", Map.of("id", 1, "state", "OCCUPIED")).status());
        TestReply reply = call("occupancy", Map.of());

        assertCounts(reply.json(), 1, 0, 1, 0);
        assertCounts(reply.json().getAsJsonObject("by_size").getAsJsonObject("LARGE"), 1, 0, 1, 0);
    }

    @Test
    void open_alarms_count_doors_left_open_today_and_operations_stuck_past_the_default_timeout() throws Exception {
        startLocker(Map.of());
        seedDoorOperations();

        TestReply reply = call("occupancy", Map.of());

        assertEquals(200, reply.status(), reply.toString());
        // left open 1 h ago, waiting for 2 min, opening for 50 s; not the rest
        assertEquals(3, reply.number("open_alarms"), reply.toString());
    }

    @Test
    void open_alarms_use_the_configured_door_close_timeout() throws Exception {
        startLocker(Map.of(KitSettings.DOOR_CLOSE_TIMEOUT.key(), "1000"));
        seedDoorOperations();

        TestReply reply = call("occupancy", Map.of());

        assertEquals(200, reply.status(), reply.toString());
        // with a 1 s timeout the operation opening for 5 s is stuck too
        assertEquals(4, reply.number("open_alarms"), reply.toString());
    }

    @Test
    void an_unsigned_occupancy_call_is_refused() {
        startLocker(Map.of());

        TestReply reply = TestLocker.send(handler, locker.unsigned("occupancy", Map.of()));

        assertEquals(401, reply.status(), reply.toString());
        assertEquals("unauthorized", reply.error());
    }

    /**
     * One door operation per door (only one may be open per door), stamped on the database's UTC
     * clock as the controller would stamp them.
     */
    private void seedDoorOperations() throws Exception {
        String[][] operations = {
                // door, state, started, finished
                {"1", "LEFT_OPEN", "INTERVAL 2 HOUR", "INTERVAL 1 HOUR"},
                {"2", "LEFT_OPEN", "INTERVAL 26 HOUR", "INTERVAL 25 HOUR"},
                {"3", "WAITING", "INTERVAL 2 MINUTE", null},
                {"4", "OPENING", "INTERVAL 5 SECOND", null},
                {"5", "DONE", "INTERVAL 3 MINUTE", "INTERVAL 1 MINUTE"},
                {"6", "FAILED", "INTERVAL 3 MINUTE", "INTERVAL 2 MINUTE"},
                {"7", "OPENING", "INTERVAL 50 SECOND", null},
        };
        for (String[] op : operations) {
            String door = op[0];
            locker.database().execute("INSERT INTO doors (id, size, state) VALUES (" + door + ", 'SMALL', 'OCCUPIED')");
            locker.database().execute("INSERT INTO reservations (external_id, door_id, status)"
                    + " VALUES ('parcel-" + door + "', " + door + ", 'IN_STORAGE')");
            String finished = op[3] == null ? "NULL" : "UTC_TIMESTAMP(3) - " + op[3];
            locker.database().execute("INSERT INTO door_operations (door_id, reservation_id, code_kind, state, started_at, finished_at)"
                    + " SELECT " + door + ", id, 'PICKUP', '" + op[1] + "', UTC_TIMESTAMP(3) - " + op[2] + ", " + finished
                    + " FROM reservations WHERE external_id = 'parcel-" + door + "'");
        }
    }

    private static void assertCounts(JsonObject counts, long total, long free, long occupied, long outOfService) {
        String got = counts.toString();
        assertEquals(total, counts.get("total").getAsLong(), got);
        assertEquals(free, counts.get("free").getAsLong(), got);
        assertEquals(occupied, counts.get("occupied").getAsLong(), got);
        assertEquals(outOfService, counts.get("out_of_service").getAsLong(), got);
    }
}
