package io.cacifo.controller;

import io.cacifo.kit.doors.DoorOperation;
import io.cacifo.kit.doors.DoorOperationDao;
import io.cacifo.kit.doors.OperationState;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.GatewayClient;
import io.cacifo.kit.http.GatewayReply;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finishes door operations nobody is following any more: those of a controller run that crashed
 * (every unfinished row at start-up), and those whose follow-up gave up (door-io or
 * reservation-manager unreachable, the database down). Each is settled by what the lock board says
 * now and by the journal, never by the code, which was not stored:
 *
 * <ul>
 *   <li>OPENING and the door closed: the door never opened (or the screen was told it failed), so FAILED, nothing moves.</li>
 *   <li>Door open, younger than the door-close timeout: left as it is (WAITING), finished on a later pass once closed.</li>
 *   <li>Door closed, or open past the timeout: finished as the follow-up finishes
 *       ({@link OperationFinisher}: {@code complete}, then DONE, or LEFT_OPEN with a {@code door.left_open} alarm).</li>
 *   <li>The board, door-io or reservation-manager not answering: left for the next pass.</li>
 * </ul>
 *
 * A support opening (kind SUPPORT) is settled the same way, its mark by {@code support_mark}, never
 * {@code complete}. Both are idempotent and write their event in the status change's transaction, so a
 * crash at any point leads to one status change and one event. Runs on {@code sync}, on the
 * background timer and so at start-up; one pass at a time per JVM.
 */
final class DoorReconciler {
    private static final Logger LOG = Logger.getLogger(DoorReconciler.class.getName());
    /**
     * An OPENING row this JVM does not follow may still be another run's door-io call in flight (an
     * old container overlapping a new one): past this age that call has ended one way or the other.
     */
    static final Duration OPENING_SETTLE = Duration.ofSeconds(30);
    /** Rows looked at per pass: a locker has tens of doors, so this is every unfinished one. */
    private static final int PASS_LIMIT = 100;

    private final GatewayClient gateway;
    private final DoorOperationDao operations;
    private final OperationsInFlight inFlight;
    private final Duration doorCloseTimeout;
    private final OperationFinisher finisher;
    private final ReentrantLock onePass = new ReentrantLock();

    DoorReconciler(GatewayClient gateway, DoorOperationDao operations, OperationsInFlight inFlight,
                   Duration doorCloseTimeout, OperationFinisher finisher) {
        this.gateway = gateway;
        this.operations = operations;
        this.inFlight = inFlight;
        this.doorCloseTimeout = doorCloseTimeout;
        this.finisher = finisher;
    }

    /**
     * One pass; returns how many operations it finished. A pass already running in this JVM makes
     * this one return 0 at once. Failure behaviour: the database unreachable throws {@link SQLException};
     * other functions not answering leave their operations for the next pass, logged, never thrown.
     */
    int reconcile() throws SQLException {
        if (!onePass.tryLock()) {
            return 0;
        }
        try {
            int finished = 0;
            List<DoorOperation> unfinished = operations.listUnfinished(PASS_LIMIT);
            for (DoorOperation operation : unfinished) {
                if (inFlight.contains(operation.id)
                        || (operation.state == OperationState.OPENING && operation.age.compareTo(OPENING_SETTLE) < 0)) {
                    continue;
                }
                if (settle(operation)) {
                    finished++;
                }
            }
            return finished;
        } finally {
            onePass.unlock();
        }
    }

    /** A pass whose failures are logged, for the timer, which has no one to answer. */
    void reconcileQuietly() {
        try {
            reconcile();
        } catch (SQLException e) {
            LOG.warning("[controller] reconcile failed: database: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "[controller] reconcile failed", e);
        }
    }

    /** True when the operation was finished. */
    private boolean settle(DoorOperation operation) throws SQLException {
        String where = "[controller] reconcile " + operation;
        JournaledOpening door = JournaledOpening.of(operation);
        Optional<Boolean> open = doorOpen(operation.doorId, where);
        if (open.isEmpty()) {
            return false;
        }
        if (operation.state == OperationState.OPENING) {
            if (!open.get()) {
                operations.finish(operation.id, OperationState.FAILED);
                LOG.info(where + ": the door is closed and was never journaled open; FAILED, nothing moves");
                return true;
            }
            // Crashed between opening the door and journaling it: it is open, so someone may be at it.
            door.markOpened(operations, operation.id);
        }
        if (open.get() && operation.age.compareTo(doorCloseTimeout) < 0) {
            // Every pass while it stays open: FINE, not a line every few seconds in the function's log.
            LOG.fine(where + ": the door is still open; finished once it is closed");
            return false;
        }
        boolean finished = finisher.finish(operation.id, door, Optional.of(!open.get()), OperationFinisher.By.RECONCILIATION, where);
        if (finished && !open.get()) {
            LOG.info(where + ": the door is closed; DONE");
        }
        return finished;
    }

    /** The board's word on the door: empty when door-io or the board cannot say. */
    private Optional<Boolean> doorOpen(int doorId, String where) {
        try {
            // status only reads the board.
            GatewayReply reply = gateway.callIdempotent("door-io", "status", Map.of("door_id", doorId));
            if (reply.isSuccess()) {
                return Optional.of(reply.fields().flag("open"));
            }
            LOG.warning(where + ": door-io status answered HTTP " + reply.status() + " " + reply.error() + "; retried later");
        } catch (ApiException e) {
            LOG.warning(where + ": door-io status failed: " + e.error() + ": " + e.getMessage() + "; retried later");
        }
        return Optional.empty();
    }
}
