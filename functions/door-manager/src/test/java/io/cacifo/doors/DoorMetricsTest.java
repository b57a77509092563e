package io.cacifo.doors;

import com.openfaas.function.Handler;
import io.cacifo.kit.config.KitSettings;
import io.cacifo.kit.testing.MetricsText;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** door-manager's series at /metrics, read from a fresh database per test as a scrape reads them. */
class DoorMetricsTest {
    private TestLocker locker;
    private Handler handler;

    private void startLocker(Map<String, String> settings) {
        locker = TestLocker.create("door-manager", settings);
        handler = new Handler(locker.services());
    }

    @AfterEach
    void stop() throws Exception {
        if (locker != null) {
            locker.services().closeDb();
            locker.close();
        }
    }

    private TestReply call(String action, Object body) {
        return TestLocker.send(handler, locker.signedAsContract(action, body));
    }

    private void insertDoor(int id, String state) {
        TestReply created = call("insert", Map.of("id", id, "size", "SMALL", "state", state));
        assertEquals(201, created.status(), created.toString());
    }

    @Test
    void an_empty_locker_writes_every_state_and_reason_as_zero() {
        startLocker(Map.of());

        MetricsText scrape = MetricsText.scrape();

        for (String state : new String[] {"free", "occupied", "out_of_service"}) {
            assertEquals(Optional.of(0.0), scrape.value("cacifo_doors{state=\"" + state + "\"}"), scrape.text());
        }
        assertEquals(Optional.of(0.0), scrape.value("cacifo_doors_out_of_service{reason=\"jammed\"}"), scrape.text());
        assertEquals(Optional.of(0.0), scrape.value("cacifo_doors_out_of_service{reason=\"operator\"}"), scrape.text());
        assertEquals(Optional.of(0.0), scrape.value("cacifo_door_alarms_open"), scrape.text());
        assertEquals(Optional.of(1.0), scrape.value("cacifo_db_up"), scrape.text());
    }

    @Test
    void doors_are_counted_by_state_and_out_of_service_ones_by_reason() {
        startLocker(Map.of());
        insertDoor(1, "FREE");
        insertDoor(2, "FREE");
        insertDoor(3, "OCCUPIED");
        insertDoor(4, "OUT_OF_SERVICE");
        insertDoor(5, "FREE");
        TestReply jammed = TestLocker.send(handler, locker.signed("report_fault",
                Map.of("door_id", 5, "reason", "jammed", "operation_id", 77)));
        assertEquals(200, jammed.status(), jammed.toString());

        MetricsText scrape = MetricsText.scrape();

        assertEquals(Optional.of(2.0), scrape.value("cacifo_doors{state=\"free\"}"), scrape.text());
        assertEquals(Optional.of(1.0), scrape.value("cacifo_doors{state=\"occupied\"}"), scrape.text());
        assertEquals(Optional.of(2.0), scrape.value("cacifo_doors{state=\"out_of_service\"}"), scrape.text());
        assertEquals(Optional.of(1.0), scrape.value("cacifo_doors_out_of_service{reason=\"jammed\"}"), scrape.text());
        assertEquals(Optional.of(1.0), scrape.value("cacifo_doors_out_of_service{reason=\"operator\"}"), scrape.text());
    }

    @Test
    void open_alarms_are_the_count_occupancy_answers() throws Exception {
        startLocker(Map.of());
        insertDoor(1, "OCCUPIED");
        locker.database().execute("INSERT INTO reservations (external_id, door_id, status) VALUES ('parcel-1', 1, 'IN_STORAGE')");
        locker.database().execute("INSERT INTO door_operations (door_id, reservation_id, code_kind, state, started_at, finished_at)"
                + " SELECT 1, id, 'PICKUP', 'LEFT_OPEN', UTC_TIMESTAMP(3) - INTERVAL 2 HOUR, UTC_TIMESTAMP(3) - INTERVAL 1 HOUR"
                + " FROM reservations WHERE external_id = 'parcel-1'");

        MetricsText scrape = MetricsText.scrape();
        TestReply occupancy = call("occupancy", Map.of());

        assertEquals(Optional.of(1.0), scrape.value("cacifo_door_alarms_open"), scrape.text());
        assertEquals(1, occupancy.number("open_alarms"), occupancy.toString());
    }

    @Test
    void with_the_database_unreachable_the_scrape_says_db_down_within_the_timeout_and_leaves_the_doors_out() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        startLocker(Map.of(KitSettings.DB_PORT.key(), Integer.toString(closed), KitSettings.DB_CONNECT_TIMEOUT.key(), "500"));

        long start = System.nanoTime();
        MetricsText scrape = MetricsText.scrape();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(Optional.of(0.0), scrape.value("cacifo_db_up"), scrape.text());
        assertFalse(scrape.has("cacifo_doors"), scrape.text());
        assertFalse(scrape.has("cacifo_doors_out_of_service"), scrape.text());
        assertFalse(scrape.has("cacifo_door_alarms_open"), scrape.text());
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "the scrape took " + took);
    }
}
