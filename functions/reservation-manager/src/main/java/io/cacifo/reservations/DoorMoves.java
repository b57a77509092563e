package io.cacifo.reservations;

import io.cacifo.kit.db.Db;
import io.cacifo.kit.doors.DoorOperationDao;
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
 * An arriving parcel moved off a door that would not open (the controller's {@code move}, after
 * door-io said {@code door_jammed}): to a FREE door of the same size, else the next larger, lowest
 * id first, that no parcel and no door operation holds. The move and its {@code parcel.door_changed}
 * event are one transaction; asking again for a parcel already moved changes nothing.
 */
public final class DoorMoves {
    static final String EVENT = "parcel.door_changed";
    /** The one reason the locker moves a parcel so far. */
    static final String JAMMED = "jammed";

    private final Db db;
    private final ReservationDao reservations;
    private final DoorDao doors;
    private final DoorOperationDao journal;
    private final DbClock clock;

    public DoorMoves(Db db) {
        this.db = db;
        this.reservations = new ReservationDao(db);
        this.doors = new DoorDao(db);
        this.journal = new DoorOperationDao(db);
        this.clock = new DbClock(db);
    }

    /** The action: {@code reservation_id}, {@code from_door_id}, {@code reason}? ({@code jammed}). */
    public Reply move(Call call) throws SQLException {
        Body body = call.body();
        long reservationId = body.id("reservation_id");
        int fromDoorId = (int) body.integer("from_door_id", 1, ReservationActions.MAX_DOOR_ID);
        String reason = body.optionalText("reason", 32).orElse(JAMMED);
        if (!JAMMED.equals(reason)) {
            throw ApiException.badRequest("invalid_field", "'reason' must be '" + JAMMED + "'");
        }
        return Reply.ok(move(reservationId, fromDoorId, reason));
    }

    /**
     * Failure behaviour: 404 not_found for no such parcel; 409 invalid_transition when it is not
     * ARRIVING; 409 no_free_door when no door of its size or larger can take it (nothing changes).
     * A parcel no longer at {@code fromDoorId} (moved already) is answered with its door, applied=false.
     */
    public Map<String, Object> move(long reservationId, int fromDoorId, String reason) throws SQLException {
        return db.inTransaction(connection -> {
            ReservationState parcel = reservations.lockById(reservationId).orElseThrow(() ->
                    ApiException.notFound("no reservation " + reservationId));
            if (parcel.doorId != fromDoorId) {
                return reply(parcel.id, parcel.doorId, fromDoorId, false);
            }
            if (parcel.status != ReservationStatus.ARRIVING) {
                throw ApiException.conflict("invalid_transition", "a parcel changes door only while ARRIVING; this one is "
                        + parcel.status);
            }
            int rank = doors.lockSizeRank(fromDoorId).orElseThrow(() ->
                    new IllegalStateException("door " + fromDoorId + " of parcel " + reservationId + " does not exist"));
            int to = freeDoor(rank, fromDoorId).orElseThrow(() -> ApiException.conflict("no_free_door",
                    "no free door of the size of door " + fromDoorId + " or larger"));
            Instant now = clock.now();
            reservations.update(parcel.id, null, null, to, null, now);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("external_id", parcel.externalId);
            payload.put("from_door_id", fromDoorId);
            payload.put("to_door_id", to);
            payload.put("reason", reason);
            payload.put("at", now.toString());
            Outbox.append(db, EVENT, parcel.id, to, payload);
            return reply(parcel.id, to, fromDoorId, true);
        });
    }

    /**
     * The candidates are locked before anything else about them is read, so the reads see every
     * parcel given to them before (each such assignment locks its door) and none can come after.
     */
    private Optional<Integer> freeDoor(int rank, int except) throws SQLException {
        for (int door : doors.lockFreeFromSize(rank, except)) {
            if (reservations.countActiveAtDoor(door) == 0 && !journal.holdsDoor(door)) {
                return Optional.of(door);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> reply(long reservationId, int doorId, int previousDoorId, boolean applied) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("reservation_id", reservationId);
        reply.put("door_id", doorId);
        reply.put("previous_door_id", previousDoorId);
        reply.put("applied", applied);
        return reply;
    }
}
