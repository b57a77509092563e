package io.cacifo.controller;

import io.cacifo.kit.outbox.Outbox;
import io.cacifo.kit.security.CodeHasher;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.testing.MetricsText;
import io.cacifo.kit.testing.TestReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static io.cacifo.controller.ControllerRig.BACKUP;
import static io.cacifo.controller.ControllerRig.DEPOSIT;
import static io.cacifo.controller.ControllerRig.GRACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The controller's series at /metrics: the outbox backlog, unfinished door operations, events sent and failed. */
class ControllerMetricsTest {
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
    void empty() throws Exception {
        rig.resetData();
        rig.backend.comeUp();
    }

    private static void appendEvent() throws Exception {
        Outbox.append(rig.locker.services().db(), "parcel.deposited", 10L, 4, Map.of("n", 1));
    }

    private static double counter(String name) {
        return MetricsText.scrape().value(name).orElse(0.0);
    }

    @Test
    void an_empty_outbox_has_no_backlog_and_an_oldest_age_of_zero() {
        MetricsText scrape = MetricsText.scrape();

        assertEquals(Optional.of(0.0), scrape.value("cacifo_outbox_pending"), scrape.text());
        assertEquals(Optional.of(0.0), scrape.value("cacifo_outbox_oldest_pending_age_seconds"), scrape.text());
        assertEquals(Optional.of(0.0), scrape.value("cacifo_door_operations_unfinished"), scrape.text());
        assertEquals(Optional.of(1.0), scrape.value("cacifo_db_up"), scrape.text());
    }

    @Test
    void pending_events_are_counted_and_the_oldest_one_s_age_is_on_the_database_clock() throws Exception {
        appendEvent();
        appendEvent();
        rig.locker.database().execute("UPDATE outbox_events SET created_at = NOW(3) - INTERVAL 90 SECOND WHERE sequence ="
                + " (SELECT MIN(sequence) FROM (SELECT sequence FROM outbox_events) AS pending)");

        MetricsText scrape = MetricsText.scrape();

        assertEquals(Optional.of(2.0), scrape.value("cacifo_outbox_pending"), scrape.text());
        double age = scrape.value("cacifo_outbox_oldest_pending_age_seconds").orElseThrow();
        assertTrue(age >= 90 && age < 120, "oldest pending age " + age);
    }

    @Test
    void door_operations_still_opening_or_waiting_are_unfinished() throws Exception {
        rig.locker.database().execute("INSERT INTO door_operations (door_id, reservation_id, code_kind, state)"
                + " VALUES (4, 10, 'DEPOSIT', 'WAITING'), (5, 11, 'PICKUP', 'OPENING');"
                + " INSERT INTO door_operations (door_id, reservation_id, code_kind, state, finished_at)"
                + " VALUES (6, 12, 'BACKUP', 'DONE', NOW(3))");

        MetricsText scrape = MetricsText.scrape();

        assertEquals(Optional.of(2.0), scrape.value("cacifo_door_operations_unfinished"), scrape.text());
    }

    @Test
    void events_the_back_end_accepts_count_as_sent_and_refused_deliveries_as_failed() throws Exception {
        double sentBefore = counter("cacifo_outbox_events_sent_total");
        double failedBefore = counter("cacifo_outbox_events_failed_total");
        rig.backend.goDown();
        appendEvent();
        appendEvent();

        TestReply down = rig.call("sync", Map.of());

        assertEquals(200, down.status(), down.toString());
        assertEquals(failedBefore + 2, counter("cacifo_outbox_events_failed_total"));
        assertEquals(sentBefore, counter("cacifo_outbox_events_sent_total"));

        rig.backend.comeUp();
        rig.locker.database().execute("UPDATE outbox_events SET next_attempt_at = NOW(3) - INTERVAL 1 SECOND");
        TestReply up = rig.call("sync", Map.of());

        assertEquals(200, up.status(), up.toString());
        assertEquals(sentBefore + 2, counter("cacifo_outbox_events_sent_total"));
        assertEquals(Optional.of(0.0), MetricsText.scrape().value("cacifo_outbox_pending"));
    }

    @Test
    void a_scrape_after_codes_were_entered_reveals_no_code_nor_its_hash() throws Exception {
        rig.backend.goDown();
        CodeHasher hasher = new CodeHasher(new HmacKey(rig.locker.services().secrets().require("code-hash-key")));
        for (String code : new String[] {DEPOSIT, GRACE, BACKUP}) {
            assertEquals(200, rig.enter(code).status(), code);
        }

        MetricsText scrape = MetricsText.scrape();

        assertTrue(scrape.value("cacifo_door_operations_unfinished").isPresent(), scrape.text());
        for (String code : new String[] {DEPOSIT, GRACE, BACKUP}) {
            assertFalse(scrape.text().contains(code), "code " + code + " in\n" + scrape.text());
            assertFalse(scrape.text().contains(hasher.hash(code)), "hash of " + code + " in\n" + scrape.text());
        }
        assertFalse(scrape.text().contains("parcel-"), scrape.text());
        rig.awaitFollowUps();
    }
}
