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
 * the screen has its answer the operation's journal row is all the follow-up needs. A door that
 * does not open is reported ({@link JammedDoors}); a parcel to be deposited is given another door
 * and that one is opened instead, up to {@link #MAX_DOORS} doors for one code. Opening and
 * following a journaled door ({@link #openAndFollow}) is shared with {@link SupportOpening}.
 */
final class DoorWorkflow {
    /** Doors tried for one deposit code: a board that jams door after door has a fault a person must see. */
    static final int MAX_DOORS = 3;
    /** Door ids are lock-board numbers (doors.id CHECK in db/schema.sql). */
    static final int MAX_DOOR_ID = 9999;
    private static final Logger LOG = Logger.getLogger(DoorWorkflow.class.getName());

    private final GatewayClient gateway;
    private final DoorOperationDao operations;
    private final DoorFollowUp followUp;
    private final ControllerThreads threads;
    private final OperationsInFlight inFlight;
    private final JammedDoors jammed;

    DoorWorkflow(GatewayClient gateway, DoorOperationDao operations, DoorFollowUp followUp, ControllerThreads threads,
                 OperationsInFlight inFlight) {
        this.gateway = gateway;
        this.operations = operations;
        this.followUp = followUp;
        this.threads = threads;
        this.inFlight = inFlight;
        this.jammed = new JammedDoors(gateway);
    }

    /**
     * Failure behaviour: {@link ApiException} 404/400 {@code invalid_code} for a code that opens
     * nothing; {@link CodeRefused} for a real code that opens nothing for a reason the screen shows;
     * 503 when reservation-manager or the door cannot be reached; {@link SQLException} when the journal
     * cannot be written. A door held by another operation is a 409 {@code door_busy} reply. A door that
     * did not open (door-io {@code door_jammed}) is reported; an unused deposit code's parcel moves to
     * another door, which opens instead (200 with {@code replaced_door_id}, the door the code named);
     * otherwise, or with no door left, a 503 {@code door_jammed} reply names that door.
     */
    Reply enter(String code) throws SQLException {
        ValidatedCode named = validate(code);
        ValidatedCode door = named;
        for (int tried = 1; ; tried++) {
            Optional<Reply> opened = openDoor(door, tried == 1 ? null : named.doorId);
            if (opened.isPresent()) {
                return opened.get();
            }
            String where = "[controller] door " + door.doorId + " reservation " + door.reservationId;
            Optional<Integer> next = door.kind != CodeKind.DEPOSIT || door.grace || tried >= MAX_DOORS
                    ? Optional.empty() : jammed.move(door.reservationId, door.doorId, where);
            if (next.isEmpty()) {
                return jammed(named.doorId);
            }
            LOG.info(where + ": door did not open; the parcel moves to door " + next.get());
            door = new ValidatedCode(door.reservationId, next.get(), door.kind, false);
        }
    }

    /** 409 door_busy: another operation holds the door (the journal's one per door). */
    static Reply busy(int doorId) {
        return doorFailure(409, "door_busy", "door " + doorId + " is already open", doorId);
    }

    /** 503 door_jammed: the door did not open (reported to door-manager), and no other door stands in. */
    static Reply jammed(int doorId) {
        return doorFailure(503, "door_jammed", "door " + doorId + " is out of order", doorId);
    }

    private static Reply doorFailure(int status, String error, String message, int doorId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        body.put("door_id", doorId);
        return Reply.of(status, body);
    }

    /**
     * Journals and opens one door: the reply for the screen (200, or 409 door_busy), or empty when
     * door-io said the door did not open (journaled FAILED and reported). {@code replacedDoorId}: the
     * jammed door this one stands in for, named in the 200; null for the door the code named.
     */
    private Optional<Reply> openDoor(ValidatedCode door, Integer replacedDoorId) throws SQLException {
        Optional<Long> started = operations.start(door.doorId, door.reservationId, door.kind.name(), door.grace, inFlight);
        if (started.isEmpty()) {
            return Optional.of(busy(door.doorId));
        }
        long operationId = started.get();
        if (!openAndFollow(door, operationId)) {
            return Optional.empty();
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("door_id", door.doorId);
        reply.put("kind", door.kind);
        reply.put("grace", door.grace);
        reply.put("operation_id", operationId);
        if (replacedDoorId != null) {
            reply.put("replaced_door_id", replacedDoorId);
        }
        return Optional.of(Reply.ok(reply));
    }

    /**
     * For any journaled opening ({@code enter}, {@code support_open}): opens the door (door-io), journals
     * it WAITING with the event its kind writes, and hands the rest to {@link DoorFollowUp}. False when
     * door-io said the door did not open: the operation is FAILED and the door reported jammed. Throws
     * {@link ApiException} 503 when the door could not be opened otherwise (FAILED, nothing moves).
     */
    boolean openAndFollow(JournaledOpening door, long operationId) {
        String where = door.where(operationId);
        boolean followed = false;
        try {
            if (!open(door.doorId(), operationId, where)) {
                jammed.report(door.doorId(), operationId, where);
                return false;
            }
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
            return true;
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
        if (reply.status() == 409 && CodeRefused.REFUSALS.contains(reply.error())) {
            throw CodeRefused.of(reply);
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

    /**
     * True once door-io says the door is open; false when it says the door did not open (503
     * {@code door_jammed}); anything else throws. Either failure is journaled FAILED first.
     */
    private boolean open(int doorId, long operationId, String where) {
        ApiException failure;
        try {
            // Safe to send again: this operation holds the door (journal), and opening an open door changes nothing.
            GatewayReply reply = gateway.callIdempotent("door-io", "open", Map.of("door_id", doorId));
            if (reply.isSuccess()) {
                return true;
            }
            LOG.warning(where + ": door-io open answered HTTP " + reply.status() + " " + reply.error());
            if (reply.status() == 503 && "door_jammed".equals(reply.error())) {
                journalFailed(operationId, where);
                return false;
            }
            failure = reply.status() == 404 || "board_unavailable".equals(reply.error())
                    ? ApiException.unavailable("board_unavailable", "door " + doorId + " could not be opened")
                    : ApiException.unavailable("upstream_unavailable", "door-io could not open door " + doorId);
        } catch (ApiException unreachable) {
            LOG.warning(where + ": door-io open failed: " + unreachable.error() + ": " + unreachable.getMessage());
            failure = unreachable;
        }
        journalFailed(operationId, where);
        throw failure;
    }

    private void journalFailed(long operationId, String where) {
        try {
            operations.finish(operationId, OperationState.FAILED);
        } catch (SQLException e) {
            // The screen still hears why the door did not open; the journal row waits for reconciliation.
            LOG.log(Level.WARNING, where + ": could not journal FAILED; left OPENING for reconciliation", e);
        }
    }
}
