package io.cacifo.controller;

import io.cacifo.kit.config.Timeouts;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.GatewayClient;
import io.cacifo.kit.http.GatewayReply;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens after the screen has its answer: wait for the door to be closed, finish the
 * operation ({@link OperationFinisher}: the parcel moves on by its journaled operation, then DONE or
 * LEFT_OPEN) and send the outbox. It never holds the code: that stayed with the screen's request.
 * Anything that fails is logged with the door, parcel and operation and leaves the operation WAITING
 * for {@link DoorReconciler}, which door-manager counts as an alarm until it is finished.
 */
final class DoorFollowUp {
    private static final Logger LOG = Logger.getLogger(DoorFollowUp.class.getName());

    private final GatewayClient gateway;
    private final OperationFinisher finisher;
    private final OutboxSender sender;
    private final Duration doorCloseTimeout;
    private final OperationsInFlight inFlight;

    DoorFollowUp(GatewayClient gateway, OperationFinisher finisher, OutboxSender sender, Duration doorCloseTimeout,
                 OperationsInFlight inFlight) {
        this.gateway = gateway;
        this.finisher = finisher;
        this.sender = sender;
        this.doorCloseTimeout = doorCloseTimeout;
        this.inFlight = inFlight;
    }

    void run(long operationId, JournaledOpening door) {
        String where = door.where(operationId);
        try {
            // The person had the door open either way, so the parcel moves on whether or not it was shut in time.
            finisher.finish(operationId, door, waitClosed(door, where), OperationFinisher.By.FOLLOW_UP, where);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, where + ": could not finish the journal; left WAITING for reconciliation", e);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, where + ": follow-up failed; left WAITING for reconciliation", e);
        } finally {
            // Finished, or left for DoorReconciler: either way this run no longer follows it.
            inFlight.release(operationId);
        }
        sender.flushQuietly("after " + where.substring("[controller] ".length()));
    }

    /** Closed (true), left open past the timeout (false), or empty when door-io could not tell. */
    private Optional<Boolean> waitClosed(JournaledOpening door, String where) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("door_id", door.doorId());
        body.put("timeout_ms", doorCloseTimeout.toMillis());
        try {
            // close only waits for the board to say the door closed.
            GatewayReply reply = gateway.callIdempotent("door-io", "close", body, doorCloseTimeout.plus(Timeouts.DOOR_IO_MARGIN));
            if (reply.isSuccess()) {
                return Optional.of(reply.fields().flag("closed"));
            }
            LOG.warning(where + ": door-io close answered HTTP " + reply.status() + " " + reply.error());
        } catch (ApiException e) {
            LOG.warning(where + ": door-io close failed: " + e.error() + ": " + e.getMessage());
        }
        return Optional.empty();
    }
}
