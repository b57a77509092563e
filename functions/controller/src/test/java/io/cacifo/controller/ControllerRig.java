package io.cacifo.controller;

import io.cacifo.kit.testing.FakeGateway;
import io.cacifo.kit.testing.FakeGateway.Answer;
import com.openfaas.function.Handler;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A controller under test: its Handler on a fresh database, a fake gateway playing
 * reservation-manager and door-io, and a fake back-end that checks the back-end key's signature.
 */
final class ControllerRig implements AutoCloseable {
    static final String LOCKER_ID = "locker-test";
    static final long CLOSE_TIMEOUT_MS = 2000;
    /** Parcel 10 in door 4, ARRIVING. */
    static final String DEPOSIT = "11111111";
    /** Parcel 11 in door 5, picked up a minute ago: the grace period. */
    static final String GRACE = "22222222";
    /** Parcel 12 in door 6, IN_STORAGE. */
    static final String BACKUP = "33333333";

    final FakeGateway gateway;
    final FakeBackend backend;
    /** The locker's backend-hmac-key, to prove it never reaches a log. */
    final String backendKey;
    final TestLocker locker;
    final Handler handler;

    private ControllerRig(FakeGateway gateway, FakeBackend backend, String backendKey, TestLocker locker) {
        this.gateway = gateway;
        this.backend = backend;
        this.backendKey = backendKey;
        this.locker = locker;
        this.handler = new Handler(locker.services());
    }

    /**
     * The timed outbox flush is off ({@code outbox_interval_ms} 0) so tests see only the flushes they
     * cause, and so is the deadline sweep ({@code deadline_check_interval_ms} 0), so a sync's calls are
     * the reconciliation's; {@link #start(Map)} turns it on.
     */
    static ControllerRig start() throws Exception {
        return start(Map.of());
    }

    /** A rig whose controller runs with {@code extra} settings on top of the ones above. */
    static ControllerRig start(Map<String, String> extra) throws Exception {
        String backendKey = TestLocker.randomKey();
        FakeGateway gateway = FakeGateway.start();
        FakeBackend backend = FakeBackend.start(backendKey);
        Map<String, String> settings = new HashMap<>();
        settings.put("gateway_url", gateway.url());
        settings.put("backend_url", backend.url());
        settings.put("locker_id", LOCKER_ID);
        settings.put("door_close_timeout_ms", Long.toString(CLOSE_TIMEOUT_MS));
        settings.put("outbox_interval_ms", "0");
        settings.put("disable_retry_delay_ms", "20");
        settings.put("deadline_check_interval_ms", "0");
        settings.putAll(extra);
        TestLocker locker = TestLocker.create("controller", settings);
        TestLocker.writeSecret(locker.secretsDir(), "backend-hmac-key", backendKey);
        return new ControllerRig(gateway, backend, backendKey, locker);
    }

    TestReply call(String action, Object body) {
        return TestLocker.send(handler, locker.signed(action, body));
    }

    /** {@code action} signed as the back-end signs it (its EC key), as support_open must be. */
    TestReply callAsBackend(String action, Object body) {
        return TestLocker.send(handler, locker.backendSigned(action, body));
    }

    /**
     * Empties the tables the controller touches, puts back doors 1-6 and parcels 10 (door 4),
     * 11 (door 5), 12 (door 6), and scripts the other functions afresh.
     */
    void resetData() throws Exception {
        locker.database().execute("DELETE FROM door_operations; DELETE FROM outbox_events; DELETE FROM reservations;"
                + " DELETE FROM doors;"
                + " INSERT INTO doors (id, size) VALUES (1, 'SMALL'), (2, 'SMALL'), (3, 'SMALL'), (4, 'MEDIUM'),"
                + " (5, 'LARGE'), (6, 'LARGE');"
                + " INSERT INTO reservations (id, external_id, door_id) VALUES (10, 'parcel-10', 4),"
                + " (11, 'parcel-11', 5), (12, 'parcel-12', 6)");
        gateway.forget();
        backend.forget();
        scriptTheOtherFunctions();
    }

    /**
     * reservation-manager knows the three codes above and completes their door operations like the
     * real one (the status change's event lands in the same database), says which parcel is behind a
     * door (IN_STORAGE or EXPIRED there) and takes support marks; door-manager knows the doors in the
     * database; door-io opens any door, it is shut at once, and its status says closed.
     */
    private void scriptTheOtherFunctions() {
        gateway.on("reservation-manager", "validate", body -> {
            String code = body.get("code").getAsString();
            if (DEPOSIT.equals(code)) {
                return Answer.json(200, validated(10, 4, "DEPOSIT", "ARRIVING", false));
            }
            if (GRACE.equals(code)) {
                return Answer.json(200, validated(11, 5, "PICKUP", "DELIVERED", true));
            }
            if (BACKUP.equals(code)) {
                return Answer.json(200, validated(12, 6, "BACKUP", "IN_STORAGE", false));
            }
            return Answer.json(404, Map.of("error", "invalid_code", "message", "the code opens nothing"));
        });
        gateway.on("door-io", "open", body -> Answer.json(200, Map.of("door_id", body.get("door_id").getAsInt(), "open", true)));
        gateway.on("door-io", "close", body -> Answer.json(200, Map.of("door_id", body.get("door_id").getAsInt(), "closed", true)));
        gateway.on("door-io", "status", body -> Answer.json(200, Map.of("door_id", body.get("door_id").getAsInt(),
                "open", false, "occupied", false)));
        gateway.on("door-manager", "get", body -> {
            int door = body.get("id").getAsInt();
            return "1".equals(scalarOrFail("SELECT COUNT(*) FROM doors WHERE id = " + door))
                    ? Answer.json(200, Map.of("id", door, "size", "MEDIUM", "state", "FREE"))
                    : Answer.json(404, Map.of("error", "not_found", "message", "no door " + door));
        });
        gateway.on("reservation-manager", "behind_door", body -> {
            int door = body.get("door_id").getAsInt();
            Map<String, Object> reply = new HashMap<>();
            reply.put("door_id", door);
            String id = scalarOrFail("SELECT MAX(id) FROM reservations WHERE door_id = " + door
                    + " AND status IN ('IN_STORAGE', 'EXPIRED')");
            reply.put("reservation_id", id == null ? null : Long.parseLong(id));
            return Answer.json(200, reply);
        });
        gateway.on("reservation-manager", "support_mark", body -> Answer.json(200, Map.of(
                "reservation_id", body.get("reservation_id").getAsLong(), "door_id", 6,
                "status", body.get("status").getAsString(), "applied", true, "event_id", "e-3")));
        gateway.on("reservation-manager", "complete", body -> {
            boolean reconciled = body.has("reconciled") && body.get("reconciled").getAsBoolean();
            locker.database().execute("INSERT INTO outbox_events (event_id, type, reservation_id, door_id, payload)"
                    + " VALUES (UUID(), 'parcel.deposited', " + body.get("reservation_id").getAsLong()
                    + ", NULL, '{\"reconciled\": " + reconciled + "}')");
            return Answer.json(200, Map.of("reservation_id", body.get("reservation_id").getAsLong(), "door_id", 4,
                    "kind", body.get("kind").getAsString(), "status", "IN_STORAGE", "applied", true, "event_id", "e-2"));
        });
    }

    private static Map<String, Object> validated(long reservation, int door, String kind, String status, boolean grace) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reservation_id", reservation);
        body.put("external_id", "parcel-" + reservation);
        body.put("door_id", door);
        body.put("kind", kind);
        body.put("status", status);
        body.put("grace", grace);
        return body;
    }

    TestReply enter(String code) {
        return call("enter", Map.of("code", code, "screen_id", "main"));
    }

    long calls(String name) {
        return gateway.callNames().stream().filter(name::equals).count();
    }

    String scalar(String sql) throws Exception {
        return locker.database().scalar(sql);
    }

    private String scalarOrFail(String sql) {
        try {
            return scalar(sql);
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    String operationState(long id) throws Exception {
        return scalar("SELECT state FROM door_operations WHERE id = " + id);
    }

    /** Waits until {@code condition} holds, for the background follow-up; fails after 10 s. */
    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until no door operation is still opening or waiting: each one's follow-up runs in the
     * background and writes its outcome (and its outbox event) when it ends, which must not land in
     * the next test's freshly reset tables.
     */
    void awaitFollowUps() throws InterruptedException {
        eventually("every door operation's follow-up to end",
                () -> "0".equals(scalarOrFail("SELECT COUNT(*) FROM door_operations WHERE state IN ('OPENING', 'WAITING')")));
    }

    /**
     * Puts an event in the outbox that the back-end only gets from a flush. With the timed flush off,
     * the one flush before a sync is a follow-up's last act, after it has let go of its operation and
     * made every call it will make; {@link #awaitFollowUpEnd} waits for the event to arrive.
     */
    String markOutbox() throws Exception {
        String marker = UUID.randomUUID().toString();
        locker.database().execute("INSERT INTO outbox_events (event_id, type, reservation_id, door_id, payload)"
                + " VALUES ('" + marker + "', 'parcel.deposited', 10, NULL, '{}')");
        return marker;
    }

    /** Returns once the follow-up's closing flush delivered {@code marker} (from {@link #markOutbox}). */
    void awaitFollowUpEnd(String marker) throws InterruptedException {
        eventually("the follow-up's last act, its outbox flush", () -> backend.eventIds().contains(marker));
    }

    void awaitOperation(long id, String state) throws InterruptedException {
        eventually("operation " + id + " to be " + state, () -> {
            try {
                return state.equals(operationState(id));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void close() throws Exception {
        gateway.close();
        backend.close();
        locker.close();
    }
}
