package io.cacifo.reservations;

import io.cacifo.kit.db.Db;
import io.cacifo.kit.doors.DoorOperation;
import io.cacifo.kit.doors.DoorOperationDao;
import io.cacifo.kit.doors.OperationState;
import io.cacifo.kit.doors.SupportRequest;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.Call;
import io.cacifo.kit.http.Reply;
import io.cacifo.kit.json.Body;
import io.cacifo.kit.outbox.Outbox;

import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parcels' side of the back-end's remote door opening (controller {@code support_open}):
 * {@link #behindDoor} tells which parcel support's opening concerns, and {@link #mark} records
 * what support did with it once the door is closed: handed it over (DELIVERED) or took it back for
 * the sender (RETURNED). Like {@link ParcelCodes#complete} it acts only for a door operation the
 * controller journaled, and is idempotent.
 */
public final class SupportMarks {
    private final Db db;
    private final ReservationDao reservations;
    private final DoorDao doors;
    private final DoorOperationDao journal;
    private final DbClock clock;

    public SupportMarks(Db db) {
        this.db = db;
        this.reservations = new ReservationDao(db);
        this.doors = new DoorDao(db);
        this.journal = new DoorOperationDao(db);
        this.clock = new DbClock(db);
    }

    /** {@code behind_door} {door_id}: internal only, for the controller's {@code support_open}. */
    Reply behindDoor(Call call) throws SQLException {
        return Reply.ok(behindDoor((int) call.body().integer("door_id", 1, ReservationActions.MAX_DOOR_ID)));
    }

    /** {@code support_mark} {reservation_id, status, operation_id, ticket}: internal only, the controller once the door is closed. */
    Reply mark(Call call) throws SQLException {
        Body body = call.body();
        long reservationId = body.id("reservation_id");
        ReservationStatus status = body.choice("status", ReservationStatus.class);
        if (status != ReservationStatus.DELIVERED && status != ReservationStatus.RETURNED) {
            throw ApiException.badRequest("invalid_field", "'status' must be DELIVERED or RETURNED");
        }
        long operationId = body.id("operation_id");
        String ticket = body.text("ticket", 64);
        if (!SupportRequest.TICKET.matcher(ticket).matches()) {
            throw ApiException.badRequest("invalid_field", "'ticket' may hold letters, digits and . _ : - only");
        }
        return Reply.ok(mark(reservationId, status, operationId, ticket));
    }

    /** What {@code behind_door} answers: the parcel behind door {@code doorId}, or none (all fields but door_id null). */
    public Map<String, Object> behindDoor(int doorId) throws SQLException {
        Optional<ReservationState> parcel = reservations.findBehindDoor(doorId);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("door_id", doorId);
        reply.put("reservation_id", parcel.map(found -> found.id).orElse(null));
        reply.put("external_id", parcel.map(found -> found.externalId).orElse(null));
        reply.put("status", parcel.map(found -> found.status).orElse(null));
        return reply;
    }

    /**
     * Marks parcel {@code reservationId} {@code status} (DELIVERED or RETURNED) for support opening
     * {@code operationId}, in one transaction: the status (and picked_up_at, as of the door's
     * opening), the door FREE (one out of service stays so) and the event ({@code parcel.delivered}
     * or {@code parcel.returned}, kind SUPPORT, with the ticket). A parcel already in that status is
     * answered applied=false and nothing changes. Failure behaviour: 404 not_found when no support
     * opening of that parcel with that mark was journaled; 409 invalid_transition when that opening
     * never opened the door, or the parcel is neither IN_STORAGE nor EXPIRED.
     */
    public Map<String, Object> mark(long reservationId, ReservationStatus status, long operationId, String ticket)
            throws SQLException {
        return db.inTransaction(connection -> {
            DoorOperation operation = journal.find(operationId)
                    .filter(found -> SupportRequest.KIND.equals(found.kind)
                            && Long.valueOf(reservationId).equals(found.reservationId) && status.name().equals(found.support.mark))
                    .orElseThrow(() -> ApiException.notFound("no support opening " + operationId + " of parcel "
                            + reservationId + " marking it " + status));
            if (operation.state == OperationState.FAILED) {
                throw ApiException.conflict("invalid_transition", "support opening " + operationId + " never opened the door");
            }
            ReservationState parcel = reservations.lockById(reservationId).orElseThrow(() ->
                    ApiException.notFound("no reservation " + reservationId));
            if (parcel.status == status) {
                return reply(parcel, status, false, null);
            }
            if (parcel.status != ReservationStatus.IN_STORAGE && parcel.status != ReservationStatus.EXPIRED) {
                throw ApiException.conflict("invalid_transition", "a parcel that is " + parcel.status
                        + " cannot be marked " + status + " by support (only from IN_STORAGE or EXPIRED)");
            }
            Instant now = clock.now();
            if (!reservations.markTakenOutBySupport(reservationId, parcel.status, status, operation.startedAt, now)) {
                throw new IllegalStateException("reservation " + reservationId + " changed under its lock");
            }
            doors.setStateUnlessOutOfService(parcel.doorId, DoorState.FREE, now);
            Map<String, Object> payload = ParcelEventPayload.start(parcel.externalId, status, parcel.status);
            payload.put("kind", SupportRequest.KIND);
            payload.put("door_id", parcel.doorId);
            payload.put("at", operation.startedAt.toString());
            payload.put("ticket", ticket);
            payload.put("operation_id", operationId);
            String eventId = Outbox.append(db, eventType(status), parcel.id, parcel.doorId, payload);
            return reply(parcel, status, true, eventId);
        });
    }

    /** The event a support mark writes: the same a pick-up (delivered) or a return to the sender writes. */
    private static String eventType(ReservationStatus status) {
        return status == ReservationStatus.DELIVERED ? CodeKind.PICKUP.eventType(status) : ParcelDeadlines.RETURNED;
    }

    private static Map<String, Object> reply(ReservationState parcel, ReservationStatus status, boolean applied,
                                             String eventId) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("reservation_id", parcel.id);
        reply.put("door_id", parcel.doorId);
        reply.put("status", status.name());
        reply.put("applied", applied);
        reply.put("event_id", eventId);
        return reply;
    }
}
