package io.cacifo.kit.metrics;

import io.cacifo.kit.testing.MetricsText;
import io.cacifo.kit.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The DB-read gauges as a scrape writes them: read at scrape time, all or nothing, cacifo_db_up always. */
class DbGaugesTest {
    private static TestDatabase database;

    @BeforeAll
    static void start() {
        database = TestDatabase.create();
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @AfterEach
    void nothingRegistered() {
        LockerMetrics.register(() -> new io.prometheus.metrics.model.snapshots.MetricSnapshots());
    }

    @Test
    void the_gauges_are_read_at_each_scrape_and_db_up_is_1() throws Exception {
        LockerMetrics.register(new DbGauges("test", out -> out.set("cacifo_outbox_pending", "pending",
                Long.parseLong(database.scalar("SELECT COUNT(*) FROM outbox_events")))));
        assertEquals(Optional.of(0.0), MetricsText.scrape().value("cacifo_outbox_pending"));

        database.execute("INSERT INTO outbox_events (event_id, type, payload) VALUES (UUID(), 'test', '{}')");

        MetricsText scrape = MetricsText.scrape();
        assertEquals(Optional.of(1.0), scrape.value("cacifo_outbox_pending"), scrape.text());
        assertEquals(Optional.of(1.0), scrape.value("cacifo_db_up"), scrape.text());
    }

    @Test
    void labelled_values_are_written_in_the_order_given_zeros_included() {
        Map<String, Long> doors = new LinkedHashMap<>();
        doors.put("free", 2L);
        doors.put("occupied", 0L);
        LockerMetrics.register(new DbGauges("test", out -> out.setEach("cacifo_doors", "doors", "state", doors)));

        MetricsText scrape = MetricsText.scrape();

        assertEquals(Optional.of(2.0), scrape.value("cacifo_doors{state=\"free\"}"), scrape.text());
        assertEquals(Optional.of(0.0), scrape.value("cacifo_doors{state=\"occupied\"}"), scrape.text());
    }

    @Test
    void a_failed_read_writes_db_up_0_and_leaves_every_db_gauge_out_even_those_read_before() {
        LockerMetrics.register(new DbGauges("test", out -> {
            out.set("cacifo_outbox_pending", "pending", 3);
            throw new SQLException("Connection is not available, request timed out after 250ms");
        }));

        MetricsText scrape = MetricsText.scrape();

        assertEquals(Optional.of(0.0), scrape.value("cacifo_db_up"), scrape.text());
        assertFalse(scrape.has("cacifo_outbox_pending"), scrape.text());
        assertFalse(scrape.text().contains("request timed out"), scrape.text());
    }

    @Test
    void registering_again_replaces_the_collector_so_each_series_is_written_once() {
        LockerMetrics.register(new DbGauges("test", out -> out.set("cacifo_screens_locked_out", "locked", 1)));
        LockerMetrics.register(new DbGauges("test", out -> out.set("cacifo_screens_locked_out", "locked", 2)));

        MetricsText scrape = MetricsText.scrape();

        assertEquals(Optional.of(2.0), scrape.value("cacifo_screens_locked_out"), scrape.text());
        assertEquals(1, scrape.text().split("\ncacifo_db_up ", -1).length - 1, scrape.text());
    }
}
