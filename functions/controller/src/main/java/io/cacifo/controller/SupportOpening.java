package io.cacifo.controller;

import io.cacifo.kit.doors.DoorOperationDao;
import io.cacifo.kit.doors.SupportRequest;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.GatewayClient;
import io.cacifo.kit.http.GatewayReply;
import io.cacifo.kit.http.Reply;
import io.cacifo.kit.json.Body;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The back-end's support opens a door remotely ({@code support_open}, back-end only): the door must
 * exist (door-manager), the parcel behind it is looked up (reservation-manager {@code behind_door}),
 * and a mark needs one. Then it goes as any opening does ({@link DoorWorkflow#openAndFollow}): journaled
 * (kind SUPPORT, one operation per door), opened, {@code door.support_opened} written with the
 * journal's WAITING, answered once open; in the background the door is waited for and the mark
 * applied ({@link SupportOpened}), and a reconciliation after a crash finishes it the same way.
 */
final class SupportOpening {
    private static final Logger LOG = Logger.getLogger(SupportOpening.class.getName());

    private final GatewayClient gateway;
    private final DoorOperationDao operations;
    private final DoorWorkflow workflow;
    private final OperationsInFlight inFlight;

    SupportOpening(GatewayClient gateway, DoorOperationDao operations, DoorWorkflow workflow, OperationsInFlight inFlight) {
        this.gateway = gateway;
        this.operations = operations;
        this.workflow = workflow;
        this.inFlight = inFlight;
    }

    /**
     * Failure behaviour: 404 not_found for a door the locker does not have; 409 invalid_transition for
     * a mark with no parcel behind the door (nothing opens); 409 door_busy when another operation holds
     * the door; 503 door_jammed when the board says the door did not open (the door is reported out of
     * service); 503 when door-manager, reservation-manager or the door cannot be reached (as for {@code enter}).
     */
    Reply open(int doorId, SupportRequest request) throws SQLException {
        requireDoor(doorId);
        Long reservationId = behindDoor(doorId);
        if (request.mark != null && reservationId == null) {
            throw ApiException.conflict("invalid_transition", "door " + doorId + " holds no stored or expired parcel to mark "
                    + request.mark);
        }
        Optional<Long> started = operations.startSupport(doorId, reservationId, request, inFlight);
        if (started.isEmpty()) {
            return DoorWorkflow.busy(doorId);
        }
        long operationId = started.get();
        if (!workflow.openAndFollow(new SupportOpened(doorId, reservationId, request), operationId)) {
            // Reported jammed like any door that did not open; the technician is told at once.
            return DoorWorkflow.jammed(doorId);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("door_id", doorId);
        reply.put("operation_id", operationId);
        reply.put("reservation_id", reservationId);
        reply.put("mark", request.mark);
        return Reply.ok(reply);
    }

    private void requireDoor(int doorId) {
        // get only reads.
        GatewayReply reply = gateway.callIdempotent("door-manager", "get", Map.of("id", doorId));
        if (reply.isSuccess()) {
            return;
        }
        if (reply.status() == 404 && "not_found".equals(reply.error())) {
            throw ApiException.notFound("the locker has no door " + doorId);
        }
        LOG.warning("[controller] support_open: door-manager get answered HTTP " + reply.status() + " " + reply.error());
        throw ApiException.unavailable(Body.UPSTREAM_UNAVAILABLE, "door-manager could not say whether door " + doorId + " exists");
    }

    /** The parcel behind the door (IN_STORAGE, or EXPIRED and still in it), or null. */
    private Long behindDoor(int doorId) {
        // behind_door only reads.
        GatewayReply reply = gateway.callIdempotent("reservation-manager", "behind_door", Map.of("door_id", doorId));
        if (reply.isSuccess()) {
            Body body = reply.fields();
            return body.has("reservation_id") ? body.id("reservation_id") : null;
        }
        LOG.warning("[controller] support_open: reservation-manager behind_door answered HTTP " + reply.status() + " " + reply.error());
        throw ApiException.unavailable(Body.UPSTREAM_UNAVAILABLE, "reservation-manager could not say what is behind door " + doorId);
    }
}
