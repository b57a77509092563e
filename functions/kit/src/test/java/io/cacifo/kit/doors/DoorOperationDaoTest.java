package io.cacifo.kit.doors;

import io.cacifo.kit.config.Config;
import io.cacifo.kit.config.Secrets;
import io.cacifo.kit.db.Db;
import io.cacifo.kit.testing.TestDatabase;
import io.cacifo.kit.testing.TestLocker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The door-operations journal's one DAO against a real MariaDB. */
class DoorOperationDaoTest {
    private static TestDatabase database;
    private static Db db;
    private static DoorOperationDao journal;
    @TempDir
    static Path secrets;

    /** Records what the DAO tells the process that follows its operations. */
    private static final class Followed implements DoorOperationDao.InFlight {
        final List<Long> added = new ArrayList<>();
        final List<Long> released = new ArrayList<>();

        @Override
        public void add(long operationId) {
            added.add(operationId);
        }

        @Override
        public void release(long operationId) {
            released.add(operationId);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create();
        TestLocker.writeSecret(secrets, "db-password", database.server().password());
        db = Db.connect(Config.of(database.settings()), new Secrets(secrets));
        journal = new DoorOperationDao(db);
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
        database.close();
    }

    @BeforeEach
    void doorsAndParcels() throws Exception {
        database.execute("DELETE FROM door_operations; DELETE FROM outbox_events; DELETE FROM reservations; DELETE FROM doors;"
                + " INSERT INTO doors (id, size) VALUES (4, 'SMALL'), (5, 'SMALL');"
                + " INSERT INTO reservations (id, external_id, door_id) VALUES (10, 'parcel-10', 4), (11, 'parcel-11', 5)");
    }

    private static long count(String sql) throws Exception {
        return db.find(sql, row -> row.getLong(1)).orElseThrow();
    }

    @Test
    void one_unfinished_operation_holds_a_door_and_is_counted_in_flight_before_it_commits() throws Exception {
        Followed followed = new Followed();

        long first = journal.start(4, 10, "DEPOSIT", false, followed).orElseThrow();
        Optional<Long> second = journal.start(4, 10, "DEPOSIT", false, followed);

        assertEquals(List.of(first), followed.added);
        assertEquals(Optional.empty(), second, "the door is held");
        assertEquals(List.of(), followed.released, "the refused one never had an id to let go");
        DoorOperation row = journal.find(first).orElseThrow();
        assertEquals(4, row.doorId);
        assertEquals(10, row.reservationId);
        assertEquals("DEPOSIT", row.kind);
        assertEquals(OperationState.OPENING, row.state);
        assertTrue(row.age.compareTo(Duration.ofMinutes(1)) < 0, row.toString());

        journal.finish(first, OperationState.FAILED);

        assertTrue(journal.start(4, 10, "DEPOSIT", false, followed).isPresent(), "a finished operation frees its door");
    }

    @Test
    void an_operation_is_finished_once_and_a_door_left_open_raises_one_alarm() throws Exception {
        long done = journal.start(4, 10, "DEPOSIT", false, new Followed()).orElseThrow();
        long leftOpen = journal.start(5, 11, "PICKUP", false, new Followed()).orElseThrow();
        journal.markOpened(done, false);
        journal.markOpened(leftOpen, false);
        assertEquals(2, journal.listUnfinished(10).size());

        journal.finish(done, OperationState.DONE);
        journal.finish(done, OperationState.FAILED);
        journal.finishLeftOpen(leftOpen, 5, 11L, "PICKUP", Duration.ofSeconds(45));
        journal.finishLeftOpen(leftOpen, 5, 11L, "PICKUP", Duration.ofSeconds(45));

        assertEquals(OperationState.DONE, journal.find(done).orElseThrow().state, "an ended operation stays as it ended");
        assertEquals(OperationState.LEFT_OPEN, journal.find(leftOpen).orElseThrow().state);
        assertEquals(1, count("SELECT COUNT(*) FROM outbox_events WHERE type = 'door.left_open'"));
        assertEquals(List.of(), journal.listUnfinished(10));
        assertEquals(1, journal.countOpenAlarms(Duration.ofSeconds(45)));
    }

    @Test
    void a_grace_re_open_is_reported_once_when_its_door_opens() throws Exception {
        long reopen = journal.start(5, 11, "PICKUP", true, new Followed()).orElseThrow();

        journal.markOpened(reopen, true);
        journal.markOpened(reopen, true);

        assertEquals(OperationState.WAITING, journal.find(reopen).orElseThrow().state);
        assertEquals(1, count("SELECT COUNT(*) FROM outbox_events WHERE type = 'door.reopened' AND reservation_id = 11"));
    }

    @Test
    void an_unfinished_operation_older_than_the_close_timeout_is_an_alarm() throws Exception {
        long old = journal.start(4, 10, "DEPOSIT", false, new Followed()).orElseThrow();
        database.execute("UPDATE door_operations SET started_at = NOW(3) - INTERVAL 2 MINUTE WHERE id = " + old);

        assertEquals(1, journal.countOpenAlarms(Duration.ofMinutes(1)));
        assertEquals(0, journal.countOpenAlarms(Duration.ofMinutes(5)));
        assertTrue(journal.listUnfinished(10).get(0).age.compareTo(Duration.ofMinutes(2)) >= 0);
    }

    @Test
    void an_opening_for_another_parcel_at_a_door_is_seen_from_its_start() throws Exception {
        Instant before = db.find("SELECT NOW(3) AS t", row -> Db.instant(row, "t")).orElseThrow();
        database.execute("UPDATE reservations SET door_id = 4 WHERE id = 11");

        journal.start(4, 11, "BACKUP", false, new Followed()).orElseThrow();

        assertTrue(journal.otherParcelOpenedSince(4, 10, before));
        assertFalse(journal.otherParcelOpenedSince(4, 11, before), "its own opening is not another parcel's");
        assertFalse(journal.otherParcelOpenedSince(5, 10, before), "another door");
    }

    @Test
    void a_support_opening_of_an_empty_door_is_journaled_without_a_parcel_and_reported_once_when_open() throws Exception {
        long support = journal.startSupport(5, null, new SupportRequest("customer locked out", "T-1", null), new Followed())
                .orElseThrow();
        assertTrue(journal.startSupport(5, null, new SupportRequest("again", "T-2", null), new Followed()).isEmpty(),
                "one operation per door, support or not");

        journal.markOpened(support, false);
        assertEquals(OperationState.OPENING, journal.find(support).orElseThrow().state,
                "a code's markOpened never takes a support row: its event would be lost");
        journal.markSupportOpened(support);
        journal.markSupportOpened(support);

        DoorOperation row = journal.find(support).orElseThrow();
        assertEquals(OperationState.WAITING, row.state);
        assertEquals(null, row.reservationId);
        assertEquals("SUPPORT", row.kind);
        assertEquals("T-1", row.support.ticket);
        assertEquals(null, row.support.mark);
        assertEquals(1, count("SELECT COUNT(*) FROM outbox_events WHERE type = 'door.support_opened'"));
        assertEquals("{\"operation_id\": " + support + ", \"door_id\": 5, \"reservation_id\": null, \"external_id\": null,"
                        + " \"reason\": \"customer locked out\", \"ticket\": \"T-1\", \"mark\": null}",
                db.find("SELECT JSON_COMPACT(payload) FROM outbox_events WHERE type = 'door.support_opened'",
                        r -> r.getString(1)).orElseThrow().replace(",\"", ", \"").replace(":", ": "));
    }

    @Test
    void a_support_opening_names_the_parcel_behind_the_door_and_its_mark_and_may_be_left_open() throws Exception {
        long support = journal.startSupport(4, 10L, new SupportRequest("stuck", "T-9", "RETURNED"), new Followed())
                .orElseThrow();
        journal.markSupportOpened(support);

        DoorOperation row = journal.find(support).orElseThrow();
        assertEquals(10L, row.reservationId);
        assertEquals("RETURNED", row.support.mark);
        assertEquals("stuck", row.support.reason);
        assertEquals("parcel-10", db.find("SELECT JSON_VALUE(payload, '$.external_id') FROM outbox_events"
                + " WHERE type = 'door.support_opened' AND reservation_id = 10 AND door_id = 4", r -> r.getString(1)).orElseThrow());

        journal.finishLeftOpen(support, 4, null, "SUPPORT", Duration.ofSeconds(45));
        assertEquals(OperationState.LEFT_OPEN, journal.find(support).orElseThrow().state);
        assertEquals(1, count("SELECT COUNT(*) FROM outbox_events WHERE type = 'door.left_open'"));
    }

    @Test
    void a_support_opening_of_an_empty_door_counts_as_another_parcels_opening() throws Exception {
        Instant before = db.find("SELECT NOW(3) AS t", row -> Db.instant(row, "t")).orElseThrow();

        journal.startSupport(4, null, new SupportRequest("check", "T-3", null), new Followed()).orElseThrow();

        assertTrue(journal.otherParcelOpenedSince(4, 10, before), "the door may hold anything since");
    }
}
