package io.cacifo.controller;

import io.cacifo.kit.doors.DoorOperationDao;
import io.cacifo.kit.doors.OperationState;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.GatewayClient;
import io.cacifo.kit.http.GatewayReply;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one way a door operation ends once its door has been open, for {@link DoorFollowUp} and
 * {@link DoorReconciler} alike: the parcel moves on by reservation-manager ({@code complete} for a
 * code, by parcel, kind and journaled operation, never by the code, and not for a grace re-open;
 * {@code support_mark} for a support opening with a mark: {@link JournaledOpening#parcelCall}), then
 * the journal is finished: DONE behind a closed door, LEFT_OPEN with its {@code door.left_open} alarm
 * behind one left open past the timeout. What cannot be done now is logged (door, parcel and
 * operation) and left WAITING for the next reconciliation.
 */
final class OperationFinisher {
    private static final Logger LOG = Logger.getLogger(OperationFinisher.class.getName());

    /** Who finishes, and how often each tries {@code complete} while reservation-manager is unavailable. */
    enum By {
        /** The person just left the door: try a little longer (pauses of the retry delay, then 3 times it). */
        FOLLOW_UP(3),
        /** A later pass tries again anyway; the event says the status change came late. */
        RECONCILIATION(1);

        final int attempts;

        By(int attempts) {
            this.attempts = attempts;
        }
    }

    private final GatewayClient gateway;
    private final DoorOperationDao operations;
    private final Duration doorCloseTimeout;
    private final Duration retryDelay;

    OperationFinisher(GatewayClient gateway, DoorOperationDao operations, Duration doorCloseTimeout, Duration retryDelay) {
        this.gateway = gateway;
        this.operations = operations;
        this.doorCloseTimeout = doorCloseTimeout;
        this.retryDelay = retryDelay;
    }

    /**
     * Finishes operation {@code operationId} of {@code door}. {@code closed} is the board's word: the
     * door closed (true), still open past the timeout (false), or unknown (empty): the parcel still
     * moves (the person had the door open), and the journal waits for the board.
     *
     * @return true when the journal is finished
     * @throws SQLException when the journal cannot be written; the operation stays WAITING
     */
    boolean finish(long operationId, JournaledOpening door, Optional<Boolean> closed, By by, String where)
            throws SQLException {
        Optional<ParcelCall> call = door.parcelCall(operationId, by == By.RECONCILIATION);
        if (call.isPresent() && !moveParcel(call.get(), by, where)) {
            LOG.warning(where + ": the parcel's status did not change; left WAITING for reconciliation");
            return false;
        }
        if (closed.isEmpty()) {
            LOG.warning(where + ": the door's state is unknown; left WAITING for reconciliation");
            return false;
        }
        // A no-op unless the opening was never journaled (the database failed right after the door opened).
        door.markOpened(operations, operationId);
        if (closed.get()) {
            operations.finish(operationId, OperationState.DONE);
        } else {
            operations.finishLeftOpen(operationId, door.doorId(), door.reservationId(), door.kind(), doorCloseTimeout);
            LOG.warning(where + ": door left open past " + doorCloseTimeout.toMillis() + " ms; LEFT_OPEN, alarm raised");
        }
        return true;
    }

    /**
     * reservation-manager {@code complete} or {@code support_mark}: true when done now or before (a 409
     * means the code is used already, or the parcel no longer in a state the call applies to, so
     * nothing is left to change); false when it must be tried again. Only a 5xx or no answer is retried here.
     */
    private boolean moveParcel(ParcelCall call, By by, String where) {
        String last = "";
        int made = 0;
        for (int attempt = 1; attempt <= by.attempts; attempt++) {
            made = attempt;
            try {
                // complete and support_mark are idempotent by design (applied: false the second time; docs/reliability.md).
                GatewayReply reply = gateway.callIdempotent("reservation-manager", call.action, call.body);
                if (reply.isSuccess()) {
                    // After a crash, whether the status change was lost is worth a line; after a follow-up it is the rule.
                    LOG.log(by == By.RECONCILIATION ? Level.INFO : Level.FINE, where + ": " + (reply.fields().flag("applied", false)
                            ? "the parcel moved on" : "the parcel had moved on already"));
                    return true;
                }
                last = "HTTP " + reply.status() + " " + reply.error();
                if (reply.status() == 409) {
                    LOG.warning(where + ": reservation-manager: " + reply.error() + "; nothing left to change");
                    return true;
                }
                if (reply.status() < 500) {
                    LOG.warning(where + ": reservation-manager refused " + call.action + ": " + last);
                    return false;
                }
            } catch (ApiException e) {
                last = e.error() + ": " + e.getMessage();
            }
            if (attempt < by.attempts && !pause(retryDelay.multipliedBy(attempt == 1 ? 1 : 3))) {
                break;
            }
        }
        // The attempts made, not planned: the fault suite reads this line to see the follow-up tried them all.
        LOG.warning(where + ": " + call.action + " failed after " + made + " attempt(s): " + last);
        return false;
    }

    private static boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
