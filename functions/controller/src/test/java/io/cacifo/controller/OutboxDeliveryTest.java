package io.cacifo.controller;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cacifo.kit.Services;
import io.cacifo.kit.db.Db;
import io.cacifo.kit.config.Config;
import io.cacifo.kit.outbox.Outbox;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.RotatingKeys;
import io.cacifo.kit.testing.LogCapture;
import io.cacifo.kit.testing.TestReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.cacifo.controller.ControllerRig.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox sender through the controller's {@code sync}, against a fake back-end that checks signatures. */
class OutboxDeliveryTest {
    private static ControllerRig rig;
    private static Db db;

    @BeforeAll
    static void start() throws Exception {
        rig = ControllerRig.start();
        db = rig.locker.services().db();
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    @BeforeEach
    void empty() throws Exception {
        rig.resetData();
    }

    private static List<String> append(int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("n", i);
            ids.add(Outbox.append(db, "parcel.deposited", 10L, 4, payload));
        }
        return ids;
    }

    private static TestReply sync() {
        return rig.call("sync", Map.of());
    }

    private static void assertCounts(TestReply reply, long delivered, long pending, long failed) {
        assertEquals(200, reply.status(), reply.toString());
        assertEquals(delivered, reply.number("delivered"), "delivered: " + reply);
        assertEquals(pending, reply.number("pending"), "pending: " + reply);
        assertEquals(failed, reply.number("failed"), "failed: " + reply);
    }

    /** Makes every pending event due now, as if its backoff had passed. */
    /** A backoff that has not passed yet, however slow the machine is between two syncs. */
    private static void holdBackoff() throws Exception {
        rig.locker.database().execute("UPDATE outbox_events SET next_attempt_at = NOW(3) + INTERVAL 1 HOUR"
                + " WHERE delivered_at IS NULL");
    }

    /** The database's clock, in seconds since the epoch (its own text for a DATETIME is not read back). */
    private static String dbNow() throws Exception {
        return rig.scalar("SELECT UNIX_TIMESTAMP(NOW(3))");
    }

    private static void passBackoff() throws Exception {
        rig.locker.database().execute("UPDATE outbox_events SET next_attempt_at = NOW(3) - INTERVAL 1 SECOND"
                + " WHERE delivered_at IS NULL");
    }

    /** backend-hmac-key as a new controller reads it on its first send (not the rig's, which may have read it already). */
    private static Supplier<RotatingKeys<HmacKey>> backendKey() {
        return () -> new Services(rig.locker.services().config(), rig.locker.services().secrets(), rig.locker.services().clock())
                .sharedKey("backend-hmac-key");
    }

    @Test
    void pending_events_reach_the_back_end_in_sequence_order_signed_with_the_back_end_key() throws Exception {
        List<String> ids = append(2);
        ids.add(Outbox.append(db, "screen.locked_out", null, null, Map.of("screen_id", "main")));

        TestReply reply = sync();

        assertCounts(reply, 3, 0, 0);
        assertEquals(0, rig.backend.refusedSignatures());
        assertEquals(1, rig.backend.batches().size());
        JsonObject batch = rig.backend.batches().get(0);
        assertEquals(ControllerRig.LOCKER_ID, batch.get("locker_id").getAsString());
        assertEquals(ids, rig.backend.eventIds());
        JsonArray events = batch.getAsJsonArray("events");
        JsonObject first = events.get(0).getAsJsonObject();
        assertEquals(List.of("event_id", "type", "reservation_id", "door_id", "payload", "created_at"),
                new ArrayList<>(first.keySet()));
        assertEquals("parcel.deposited", first.get("type").getAsString());
        assertEquals(10, first.get("reservation_id").getAsLong());
        assertEquals(4, first.get("door_id").getAsInt());
        assertEquals(0, first.getAsJsonObject("payload").get("n").getAsInt(), "the payload is an object, not text");
        assertTrue(first.get("created_at").getAsString().matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z"), first.toString());
        JsonObject third = events.get(2).getAsJsonObject();
        assertTrue(third.get("reservation_id").isJsonNull());
        assertTrue(third.get("door_id").isJsonNull());
        assertEquals("0", rig.scalar("SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS NULL"));
    }

    @Test
    void a_backlog_goes_in_batches_of_at_most_100_in_order() throws Exception {
        List<String> ids = append(250);

        TestReply reply = sync();

        assertCounts(reply, 250, 0, 0);
        List<Integer> sizes = new ArrayList<>();
        rig.backend.batches().forEach(batch -> sizes.add(batch.getAsJsonArray("events").size()));
        assertEquals(List.of(100, 100, 50), sizes);
        assertEquals(ids, rig.backend.eventIds());
    }

    @Test
    void with_the_back_end_down_then_up_every_event_is_delivered_once_after_backing_off() throws Exception {
        List<String> ids = append(2);
        rig.backend.goDown();

        String firstSync = dbNow();
        assertCounts(sync(), 0, 2, 2);
        assertEquals("1 1", rig.scalar("SELECT CONCAT_WS(' ', MIN(attempts), MAX(attempts)) FROM outbox_events"));
        assertEquals("the back-end answered HTTP 503", rig.scalar("SELECT MAX(last_error) FROM outbox_events"));
        assertBackoffSeconds(1, firstSync);

        holdBackoff();
        assertCounts(sync(), 0, 2, 0);
        assertEquals("1", rig.scalar("SELECT MAX(attempts) FROM outbox_events"), "nothing is sent before the backoff passes");

        passBackoff();
        String secondSync = dbNow();
        assertCounts(sync(), 0, 2, 2);
        assertEquals("2", rig.scalar("SELECT MAX(attempts) FROM outbox_events"));
        assertBackoffSeconds(2, secondSync);

        rig.backend.comeUp();
        passBackoff();
        assertCounts(sync(), 2, 0, 0);
        assertCounts(sync(), 0, 0, 0);

        assertEquals(ids, rig.backend.eventIds(), "each event reaches the back-end exactly once");
        assertEquals("0", rig.scalar("SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS NULL OR last_error IS NOT NULL"));
        assertEquals("2", rig.scalar("SELECT MAX(attempts) FROM outbox_events"));
    }

    @Test
    void the_backoff_doubles_up_to_five_minutes_each_pause_shortened_by_a_random_fifth_at_most() throws Exception {
        append(1);
        rig.backend.goDown();
        List<Long> full = List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L);
        List<Double> capped = new ArrayList<>();
        for (long seconds : full) {
            passBackoff();
            String began = dbNow();
            sync();
            assertBackoffSeconds(seconds, began);
            if (seconds == 300) {
                capped.add(pauseSince(began).atMost);
            }
        }
        assertTrue(capped.get(0) < 300 && capped.get(1) < 300, "the capped pauses are jittered too: " + capped);
    }

    @Test
    void ten_thousand_events_queued_through_an_outage_arrive_once_each_in_order_and_at_most_2000_per_flush()
            throws Exception {
        // 100 parcels with 100 events each, as status changes write them while the back-end is away.
        rig.locker.database().execute("INSERT INTO outbox_events (event_id, type, reservation_id, door_id, payload)"
                + " SELECT UUID(), 'parcel.status_changed', 1 + seq MOD 100, NULL, JSON_OBJECT('n', seq)"
                + " FROM seq_1_to_10000 ORDER BY seq");
        List<String> expected = new ArrayList<>();
        try (var connection = rig.locker.database().connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT event_id FROM outbox_events ORDER BY sequence")) {
            while (rows.next()) {
                expected.add(rows.getString(1));
            }
        }
        assertEquals(10_000, expected.size());
        rig.backend.goDown();
        long started = System.nanoTime();

        assertCounts(sync(), 0, 10_000, 100);
        assertCounts(sync(), 0, 10_000, 0);
        passBackoff();
        assertCounts(sync(), 0, 10_000, 100);
        assertEquals("2", rig.scalar("SELECT MAX(attempts) FROM outbox_events"), "only the head of the queue probes");
        assertEquals("100", rig.scalar("SELECT COUNT(*) FROM outbox_events WHERE attempts > 0"));

        rig.backend.comeUp();
        passBackoff();
        List<Long> perFlush = new ArrayList<>();
        for (int flush = 0; flush < 20 && (perFlush.isEmpty() || perFlush.get(perFlush.size() - 1) > 0); flush++) {
            perFlush.add(sync().number("delivered"));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(List.of(2000L, 2000L, 2000L, 2000L, 2000L, 0L), perFlush);
        assertEquals(expected, rig.backend.eventIds(), "every event once, in sequence order (so in order per parcel)");
        assertEquals(100, rig.backend.batches().size());
        assertEquals("0", rig.scalar("SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS NULL"));
        System.out.println("[outbox] 10000 events through an outage: delivered in " + perFlush.size() + " flushes, "
                + millis + " ms from the first attempt");
    }

    @Test
    void events_the_back_end_does_not_accept_are_retried_and_newer_ones_wait_behind_them() throws Exception {
        List<String> ids = append(3);
        rig.backend.acceptAtMost(1);

        assertCounts(sync(), 1, 2, 2);
        ids.addAll(append(1));
        assertCounts(sync(), 0, 3, 0);

        rig.backend.acceptAtMost(Integer.MAX_VALUE);
        passBackoff();
        assertCounts(sync(), 3, 0, 0);

        assertEquals(List.of(ids.get(0), ids.get(1), ids.get(2), ids.get(1), ids.get(2), ids.get(3)), rig.backend.eventIds(),
                "the refused events are sent again, before the newer one");
    }

    @Test
    void delivered_events_older_than_a_day_are_deleted_while_flushing() throws Exception {
        rig.locker.database().execute("INSERT INTO outbox_events (event_id, type, payload, delivered_at) VALUES"
                + " ('00000000-0000-0000-0000-000000000001', 'old', '{}', NOW(3) - INTERVAL 25 HOUR),"
                + " ('00000000-0000-0000-0000-000000000002', 'recent', '{}', NOW(3) - INTERVAL 23 HOUR)");

        assertCounts(sync(), 0, 0, 0);

        assertEquals("recent", rig.scalar("SELECT GROUP_CONCAT(type) FROM outbox_events"));
    }

    @Test
    void the_outbox_is_flushed_in_the_background_on_a_timer() throws Exception {
        List<String> ids = append(2);
        OutboxSender sender = new OutboxSender(new OutboxEventDao(db),
                new BackendClient(new ControllerSettings(rig.locker.services().config()), backendKey(),
                        rig.locker.services().clock()));
        ControllerThreads threads = new ControllerThreads(Duration.ofMillis(100));
        threads.start(() -> sender.flushQuietly("scheduled"));
        try {
            eventually("the timed flush", () -> rig.backend.eventIds().size() == 2);
        } finally {
            threads.stop();
        }

        assertEquals(ids, rig.backend.eventIds());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "UNSIGNED                 | the back-end's reply is not trusted: the reply is not signed",
            "FORGED                   | the back-end's reply is not trusted: the reply's signature does not match this request and reply",
            "ACCEPTING_AN_ID_NOT_SENT | the back-end's reply accepts 1 event id that was not sent",
            "OVERSIZED                | the back-end's reply is longer than 1048576 bytes",
    })
    void an_answer_the_locker_cannot_trust_marks_nothing_delivered_and_the_batch_backs_off(FakeBackend.Answer answer,
                                                                                           String error) throws Exception {
        List<String> ids = append(2);
        rig.backend.answer(answer);

        String failedSync = dbNow();
        try (LogCapture log = LogCapture.start()) {
            assertCounts(sync(), 0, 2, 2);
            assertTrue(log.lines().stream().anyMatch(line -> line.contains(error)), log.lines().toString());
            assertFalse(log.lines().stream().anyMatch(line -> line.contains(rig.backendKey)), "a log line holds the key");
        }
        assertEquals(error, rig.scalar("SELECT MAX(last_error) FROM outbox_events"));
        assertEquals("1 1", rig.scalar("SELECT CONCAT_WS(' ', MIN(attempts), MAX(attempts)) FROM outbox_events"));
        assertBackoffSeconds(1, failedSync);

        rig.backend.answer(FakeBackend.Answer.SIGNED);
        passBackoff();
        assertCounts(sync(), 2, 0, 0);
        assertEquals(List.of(ids.get(0), ids.get(1), ids.get(0), ids.get(1)), rig.backend.eventIds(),
                "the batch is sent again and delivered only on a signed answer");
    }

    @Test
    void a_signed_answer_replayed_to_a_later_request_marks_nothing_delivered() throws Exception {
        append(2);
        assertCounts(sync(), 2, 0, 0);
        // The same events go out again (as after a database restored from a backup), and the answer
        // captured from the first request comes back, signature and all.
        rig.locker.database().execute("UPDATE outbox_events SET delivered_at = NULL");
        rig.backend.answer(FakeBackend.Answer.REPLAYED);

        assertCounts(sync(), 0, 2, 2);

        assertEquals("the back-end's reply is not trusted: the reply's signature does not match this request and reply",
                rig.scalar("SELECT MAX(last_error) FROM outbox_events"));
        rig.backend.answer(FakeBackend.Answer.SIGNED);
        passBackoff();
        assertCounts(sync(), 2, 0, 0);
    }

    @Test
    void plain_http_to_a_back_end_off_the_pi_gets_nothing_and_no_attempt_is_used_up() throws Exception {
        append(1);
        Config lanBackend = Config.of(Map.of("locker_id", ControllerRig.LOCKER_ID, "backend_url", "http://192.0.2.10:8080"));
        OutboxSender sender = new OutboxSender(new OutboxEventDao(db),
                new BackendClient(new ControllerSettings(lanBackend), backendKey(),
                        rig.locker.services().clock()));

        try (LogCapture log = LogCapture.start()) {
            sender.flushQuietly("scheduled");
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("'backend_url' must be https")),
                    log.lines().toString());
        }

        assertEquals("0", rig.scalar("SELECT attempts FROM outbox_events"));
        assertNull(rig.scalar("SELECT last_error FROM outbox_events"));
    }

    @Test
    void without_a_back_end_key_nothing_is_sent_and_no_attempt_is_used_up() throws Exception {
        append(1);
        Path key = rig.locker.secretsDir().resolve("backend-hmac-key");
        String saved = Files.readString(key);
        Files.delete(key);
        try {
            OutboxSender unkeyed = new OutboxSender(new OutboxEventDao(db),
                    new BackendClient(new ControllerSettings(rig.locker.services().config()), backendKey(),
                            rig.locker.services().clock()));
            IllegalStateException e = assertThrows(IllegalStateException.class, unkeyed::flush);
            assertTrue(e.getMessage().contains("backend-hmac-key"), e.getMessage());
        } finally {
            Files.writeString(key, saved);
        }

        assertEquals("0", rig.scalar("SELECT attempts FROM outbox_events"));
        assertNull(rig.scalar("SELECT last_error FROM outbox_events"));
        assertEquals(List.of(), rig.backend.eventIds());
    }

    /**
     * The pause a failed sync set (next_attempt_at less the sync's own NOW(3), which lies between the
     * moment it began and now, on the database's clock): at least {@code atLeast}, at most {@code atMost}.
     */
    private static final class Pause {
        final double atLeast;
        final double atMost;

        Pause(double atLeast, double atMost) {
            this.atLeast = atLeast;
            this.atMost = atMost;
        }
    }

    private static Pause pauseSince(String syncStarted) throws Exception {
        String query = "SELECT UNIX_TIMESTAMP(MIN(next_attempt_at)) - %s FROM outbox_events WHERE delivered_at IS NULL";
        return new Pause(Double.parseDouble(rig.scalar(String.format(query, "UNIX_TIMESTAMP(NOW(3))"))),
                Double.parseDouble(rig.scalar(String.format(query, syncStarted))));
    }

    /** A pause of {@code seconds} times a jitter of at least MIN_JITTER, however long the sync took. */
    private static void assertBackoffSeconds(long seconds, String syncStarted) throws Exception {
        Pause pause = pauseSince(syncStarted);
        double least = seconds * OutboxSender.MIN_JITTER;
        assertTrue(pause.atMost >= least - 0.001 && pause.atLeast <= seconds,
                "the pause is between " + pause.atLeast + " and " + pause.atMost + " s, expected " + least + " to " + seconds + " s");
    }
}
