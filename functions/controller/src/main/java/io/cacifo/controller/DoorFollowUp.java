package io.cacifo.controller;

import io.cacifo.kit.config.Timeouts;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.GatewayClient;
import io.cacifo.kit.http.GatewayReply;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens after the screen has its answer: wait for the door to be closed, move the parcel on
 * (reservation-manager {@code disable}, unless the code was in its grace period), finish the
 * journal (DONE, or LEFT_OPEN with a {@code door.left_open} alarm in the same transaction) and
 * send the outbox. Anything that fails is logged with the door, parcel and operation (never the
 * code) and leaves the operation WAITING for {@link DoorReconciler}, which door-manager counts as
 * an alarm until it is finished.
 */
final class DoorFollowUp {
    private static final Logger LOG = Logger.getLogger(DoorFollowUp.class.getName());
    private static final int DISABLE_ATTEMPTS = 3;

    private final GatewayClient gateway;
    private final DoorOperationDao operations;
    private final OutboxSender sender;
    private final ControllerSettings settings;
    private final OperationsInFlight inFlight;

    DoorFollowUp(GatewayClient gateway, DoorOperationDao operations, OutboxSender sender, ControllerSettings settings,
                 OperationsInFlight inFlight) {
        this.gateway = gateway;
        this.operations = operations;
        this.sender = sender;
        this.settings = settings;
        this.inFlight = inFlight;
    }

    /** @param openingJournaled false when the workflow could not journal the open door (WAITING); done again here */
    void run(long operationId, ValidatedCode door, String code, boolean openingJournaled) {
        String where = "[controller] door " + door.doorId + " reservation " + door.reservationId + " operation " + operationId;
        try {
            follow(operationId, door, code, openingJournaled, where);
        } finally {
            // Finished, or left for DoorReconciler: either way this run no longer follows it.
            inFlight.release(operationId);
        }
        sender.flushQuietly("after " + where.substring("[controller] ".length()));
    }

    private void follow(long operationId, ValidatedCode door, String code, boolean openingJournaled, String where) {
        try {
            Boolean closed = waitClosed(door, where);
            // The person had the door open either way, so the parcel moves on whether or not it was shut in time.
            boolean moved = door.grace || disable(code, where);
            if (closed == null || !moved) {
                LOG.warning(where + ": left WAITING for reconciliation ("
                        + (moved ? "the door's state is unknown" : "the parcel's status did not change") + ")");
            } else {
                finish(operationId, door, closed, openingJournaled, where);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, where + ": follow-up failed; left WAITING for reconciliation", e);
        }
    }

    /** True when closed, false when left open past the timeout, null when door-io could not tell. */
    private Boolean waitClosed(ValidatedCode door, String where) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("door_id", door.doorId);
        body.put("timeout_ms", settings.doorCloseTimeout.toMillis());
        try {
            GatewayReply reply = gateway.call("door-io", "close", body,
                    settings.doorCloseTimeout.plus(Timeouts.DOOR_IO_MARGIN));
            if (reply.isSuccess() && reply.json().has("closed") && reply.json().get("closed").isJsonPrimitive()
                    && reply.json().get("closed").getAsJsonPrimitive().isBoolean()) {
                return reply.json().get("closed").getAsBoolean();
            }
            LOG.warning(where + ": door-io close answered HTTP " + reply.status() + " " + reply.error());
        } catch (ApiException e) {
            LOG.warning(where + ": door-io close failed: " + e.error() + ": " + e.getMessage());
        }
        return null;
    }

    /** Marks the code used and moves the parcel; retried twice when reservation-manager is unavailable. */
    private boolean disable(String code, String where) {
        String last = "";
        for (int attempt = 1; attempt <= DISABLE_ATTEMPTS; attempt++) {
            try {
                GatewayReply reply = gateway.call("reservation-manager", "disable", Map.of("code", code));
                if (reply.isSuccess()) {
                    return true;
                }
                if (reply.status() == 409 && "already_used".equals(reply.error())) {
                    LOG.info(where + ": the code was already used; the status change is done");
                    return true;
                }
                last = "HTTP " + reply.status() + " " + reply.error();
                if (reply.status() < 500) {
                    LOG.warning(where + ": reservation-manager refused disable: " + last);
                    return false;
                }
            } catch (ApiException e) {
                last = e.error() + ": " + e.getMessage();
            }
            if (attempt < DISABLE_ATTEMPTS && !pause(settings.disableRetryDelay.multipliedBy(attempt == 1 ? 1 : 3))) {
                break;
            }
        }
        LOG.warning(where + ": disable failed after " + DISABLE_ATTEMPTS + " attempts: " + last);
        return false;
    }

    private void finish(long operationId, ValidatedCode door, boolean closed, boolean openingJournaled, String where) {
        try {
            if (!openingJournaled) {
                // The journal missed the door's opening: a grace re-open's event is written now.
                operations.markOpened(operationId, door.grace);
            }
            if (closed) {
                operations.finish(operationId, OperationState.DONE);
                return;
            }
            operations.finishLeftOpen(operationId, door.doorId, door.reservationId, door.kind, settings.doorCloseTimeout);
            LOG.warning(where + ": door left open past " + settings.doorCloseTimeout.toMillis() + " ms; alarm raised");
        } catch (SQLException e) {
            LOG.log(Level.WARNING, where + ": could not finish the journal; left WAITING for reconciliation", e);
        }
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
