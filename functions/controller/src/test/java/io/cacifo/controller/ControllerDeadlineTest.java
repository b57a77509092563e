package io.cacifo.controller;

import io.cacifo.kit.testing.FakeGateway;
import io.cacifo.kit.testing.FakeGateway.Answer;
import io.cacifo.kit.testing.TestReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.cacifo.controller.ControllerRig.DEPOSIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The controller's side of pick-up deadlines: its rounds ask reservation-manager to sweep them at
 * most every {@code deadline_check_interval_ms}, a failed sweep stops nothing and is tried again, and
 * {@code enter} passes on the reasons a real code opens nothing.
 */
class ControllerDeadlineTest {
    private ControllerRig rig;

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    private ControllerRig rigWithInterval(String millis) throws Exception {
        rig = ControllerRig.start(Map.of("deadline_check_interval_ms", millis));
        rig.resetData();
        rig.gateway.on("reservation-manager", "deadlines", body -> Answer.json(200, Map.of("reminded", 0, "expired", 0)));
        return rig;
    }

    private TestReply sync() {
        TestReply reply = rig.call("sync", Map.of());
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.json().get("synced").getAsBoolean(), reply.toString());
        return reply;
    }

    @Test
    void a_round_sweeps_the_deadlines_at_most_once_per_interval_signed_by_the_locker() throws Exception {
        rigWithInterval("3600000");

        sync();
        sync();
        sync();

        assertEquals(1, rig.calls("reservation-manager/deadlines"), rig.gateway.callNames().toString());
        FakeGateway.Received call = rig.gateway.calls().get(0);
        assertTrue(call.signed, "an internal-only action");
        assertEquals(0, call.body.size(), "the sweep takes no body");
    }

    @Test
    void the_next_sweep_comes_once_the_interval_has_passed_since_the_last_good_one() throws Exception {
        rigWithInterval("0");
        MovableClock clock = new MovableClock();
        DeadlineSweep sweep = new DeadlineSweep(rig.locker.services().gateway(), Duration.ofMinutes(1), clock);

        sweep.runIfDue();
        clock.advance(Duration.ofSeconds(59));
        sweep.runIfDue();
        assertEquals(1, rig.calls("reservation-manager/deadlines"));

        clock.advance(Duration.ofSeconds(1));
        sweep.runIfDue();
        assertEquals(2, rig.calls("reservation-manager/deadlines"));
    }

    /** A clock the test moves: the interval is the controller's JVM time, not the database's. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T15:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void zero_turns_the_sweep_off() throws Exception {
        rigWithInterval("0");

        sync();

        assertEquals(0, rig.calls("reservation-manager/deadlines"));
    }

    @Test
    void a_failed_sweep_stops_neither_the_outbox_nor_the_next_try() throws Exception {
        rigWithInterval("3600000");
        rig.gateway.on("reservation-manager", "deadlines",
                body -> Answer.json(503, Map.of("error", "db_unavailable", "message", "down")));
        rig.locker.database().execute("INSERT INTO outbox_events (event_id, type, reservation_id, door_id, payload)"
                + " VALUES (UUID(), 'parcel.expired', 10, 4, '{}')");

        TestReply first = sync();

        assertEquals(1, first.number("delivered"), "the round went on to the outbox: " + first);
        assertEquals(1, rig.backend.eventIds().size());

        rig.gateway.on("reservation-manager", "deadlines", body -> Answer.json(200, Map.of("reminded", 1, "expired", 0)));
        sync();
        sync();
        assertEquals(2, rig.calls("reservation-manager/deadlines"),
                "tried again on the next round, then not before the interval: " + rig.gateway.callNames());
    }

    @ParameterizedTest(name = "validate 409 {0} ({1}) -> enter 409 {0}, nothing opens")
    @CsvSource({"pickup_expired, PICKUP", "not_arrived, PICKUP", "deposit_expired, DEPOSIT"})
    void a_real_code_refused_for_a_reason_is_passed_on_with_its_kind(String error, String kind) throws Exception {
        rigWithInterval("0");
        rig.gateway.on("reservation-manager", "validate", body -> Answer.json(409,
                Map.of("error", error, "message", "the reason", "kind", kind)));
        String before = rig.locker.database().dump();

        TestReply reply = rig.enter(DEPOSIT);

        assertEquals(409, reply.status(), reply.toString());
        assertEquals(error, reply.error());
        assertEquals(kind, reply.text("kind"));
        assertEquals(Set.of("error", "message", "kind"), reply.json().keySet());
        assertFalse(reply.body().contains(DEPOSIT));
        assertEquals(List.of("reservation-manager/validate"), rig.gateway.callNames(), "no door-io call");
        assertEquals(before, rig.locker.database().dump(), "nothing journaled");
    }

    @ParameterizedTest(name = "validate 409 {0} -> enter {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"error\":\"pickup_expired\",\"message\":\"x\",\"kind\":\"PARCEL\"} | 503 | upstream_unavailable",
            "{\"error\":\"pickup_expired\",\"message\":\"x\"}                     | 503 | upstream_unavailable",
            "{\"error\":\"already_used\",\"message\":\"x\",\"kind\":\"PICKUP\"}   | 503 | upstream_unavailable",
    })
    void a_refusal_reservation_manager_does_not_vouch_for_opens_nothing(String body, int status, String error)
            throws Exception {
        rigWithInterval("0");
        rig.gateway.on("reservation-manager", "validate", request -> new Answer(409, body));
        String before = rig.locker.database().dump();

        TestReply reply = rig.enter(DEPOSIT);

        assertEquals(status, reply.status(), reply.toString());
        assertEquals(error, reply.error());
        assertEquals(List.of("reservation-manager/validate"), rig.gateway.callNames());
        assertEquals(before, rig.locker.database().dump());
    }
}
