package io.cacifo.controller;

import io.cacifo.kit.doors.DoorOperationDao;
import io.cacifo.kit.doors.OperationState;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.GatewayClient;
import io.cacifo.kit.http.GatewayReply;
import io.cacifo.kit.http.Reply;
import io.cacifo.kit.json.Body;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The front half of {@code enter}, up to the reply: validate the code, journal the door operation
 * (one per door), open the door; then hand the rest to {@link DoorFollowUp} in the background.
 * The code goes to reservation-manager's {@code validate} only and is never logged or kept: once
 * the screen has its answer the operation's journal row is all the follow-up needs. Opening and
 * following a journaled door ({@link #openAndFollow}) is shared with {@link SupportOpening}.
 */
final class DoorWorkflow {
    private static final Logger LOG = Logger.getLogger(DoorWorkflow.class.getName());
    /** Door ids are lock-board numbers (doors.id CHECK in db/schema.sql). */
    static final int MAX_DOOR_ID = 9999;

    private final GatewayClient gateway;
    private final DoorOperationDao operations;
    private final DoorFollowUp followUp;
    private final ControllerThreads threads;
    private final OperationsInFlight inFlight;

    DoorWorkflow(GatewayClient gateway, DoorOperationDao operations, DoorFollowUp followUp, ControllerThreads threads,
                 OperationsInFlight inFlight) {
        this.gateway = gateway;
        this.operations = operations;
        this.followUp = followUp;
        this.threads = threads;
        this.inFlight = inFlight;
    }

    /**
     * Failure behaviour: {@link ApiException} 404/400 {@code invalid_code} for a code that opens
     * nothing; 503 when reservation-manager or the door cannot be reached; {@link SQLException} when
     * the journal cannot be written. A door held by another operation is a 409 {@code door_busy} reply.
     */
    Reply enter(String code) throws SQLException {
        ValidatedCode door = validate(code);
        Optional<Long> started = operations.start(door.doorId, door.reservationId, door.kind.name(), door.grace, inFlight);
        if (started.isEmpty()) {
            return busy(door.doorId);
        }
        long operationId = started.get();
        openAndFollow(door, operationId);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("door_id", door.doorId);
        reply.put("kind", door.kind);
        reply.put("grace", door.grace);
        reply.put("operation_id", operationId);
        return Reply.ok(reply);
    }

    /** 409 door_busy: another operation holds the door (the journal's one per door). */
    static Reply busy(int doorId) {
        Map<String, Object> busy = new LinkedHashMap<>();
        busy.put("error", "door_busy");
        busy.put("message", "door " + doorId + " is already open");
        busy.put("door_id", doorId);
        return Reply.of(409, busy);
    }

    /**
     * For any journaled opening ({@code enter}, {@code support_open}): opens the door (door-io), journals
     * it WAITING with the event its kind writes, and hands the rest to {@link DoorFollowUp}. Throws
     * {@link ApiException} 503 when the door could not be opened (the operation is FAILED, nothing moves).
     */
    void openAndFollow(JournaledOpening door, long operationId) {
        String where = door.where(operationId);
        boolean followed = false;
        try {
            open(door.doorId(), operationId, where);
            try {
                door.markOpened(operations, operationId);
            } catch (SQLException e) {
                // The door is open: the person must hear so. The follow-up journals it again and finishes the row by id.
                LOG.log(Level.WARNING, where + ": could not journal WAITING", e);
            }
            followed = threads.followUp(() -> followUp.run(operationId, door));
            if (!followed) {
                LOG.severe(where + ": no thread free to follow the door; left WAITING for reconciliation");
            }
        } finally {
            if (!followed) {
                // Nobody in this run follows it any more: the reconciler may finish it.
                inFlight.release(operationId);
            }
        }
    }

    /** An answer of reservation-manager that cannot be read is 503 upstream_unavailable ({@link GatewayReply#fields}). */
    private ValidatedCode validate(String code) {
        // validate only reads, so a call faasd lost on its way may be sent again.
        GatewayReply reply = gateway.callIdempotent("reservation-manager", "validate", Map.of("code", code));
        if (reply.isSuccess()) {
            Body body = reply.fields();
            return new ValidatedCode(body.id("reservation_id"), (int) body.integer("door_id", 1, MAX_DOOR_ID),
                    body.choice("kind", CodeKind.class), body.flag("grace", false));
        }
        if (reply.status() == 404 && "invalid_code".equals(reply.error())) {
            throw new ApiException(404, "invalid_code", "the code opens nothing");
        }
        if (reply.status() == 400) {
            throw ApiException.badRequest("invalid_code", reply.message("a code is 4 to 32 digits"));
        }
        // Anything else, such as the gateway's 404 "error finding function" when faasd-provider cannot be asked.
        LOG.warning("[controller] validate: reservation-manager answered HTTP " + reply.status() + " " + reply.error());
        throw ApiException.unavailable("upstream_unavailable", "reservation-manager could not check the code");
    }

    private void open(int doorId, long operationId, String where) {
        ApiException failure;
        try {
            // Safe to send again: this operation holds the door (journal), and opening an open door changes nothing.
            GatewayReply reply = gateway.callIdempotent("door-io", "open", Map.of("door_id", doorId));
            if (reply.isSuccess()) {
                return;
            }
            LOG.warning(where + ": door-io open answered HTTP " + reply.status() + " " + reply.error());
            failure = reply.status() == 404 || "board_unavailable".equals(reply.error())
                    ? ApiException.unavailable("board_unavailable", "door " + doorId + " could not be opened")
                    : ApiException.unavailable("upstream_unavailable", "door-io could not open door " + doorId);
        } catch (ApiException unreachable) {
            LOG.warning(where + ": door-io open failed: " + unreachable.error() + ": " + unreachable.getMessage());
            failure = unreachable;
        }
        try {
            operations.finish(operationId, OperationState.FAILED);
        } catch (SQLException e) {
            // The screen still hears why the door did not open; the journal row waits for reconciliation.
            LOG.log(Level.WARNING, where + ": could not journal FAILED; left OPENING for reconciliation", e);
        }
        throw failure;
    }
}
