package io.cacifo.reservations;

import io.cacifo.kit.db.Db;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.SqlRefusal;
import io.cacifo.kit.outbox.Outbox;
import io.cacifo.kit.security.CodeHasher;

import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The parcels' records: create one with its codes, change, remove, read. Each change is one
 * transaction; a status change writes its outbox event in that same transaction.
 */
public final class Reservations {
    /** The built-in owner of parcels the back-end sends without a customer (db/schema.sql). */
    public static final long SYSTEM_USER_ID = 1;
    static final String STATUS_CHANGED = "parcel.status_changed";

    private final Db db;
    private final ReservationDao reservations;
    private final CodeDao codes;
    private final DoorDao doors;
    private final UserDao users;
    private final DbClock clock;
    private final CodeHasher hasher;
    private final ParcelDeadlines deadlines;

    public Reservations(Db db, CodeHasher hasher, ParcelDeadlines deadlines) {
        this.db = db;
        this.reservations = new ReservationDao(db);
        this.codes = new CodeDao(db);
        this.doors = new DoorDao(db);
        this.users = new UserDao(db);
        this.clock = new DbClock(db);
        this.hasher = hasher;
        this.deadlines = deadlines;
    }

    /** Stores a new ARRIVING parcel and the hashes of its three codes, or nothing at all. */
    public Reservation insert(NewReservation parcel) throws SQLException {
        CodePolicy.check(parcel.codes);
        Map<CodeKind, String> hashes = new EnumMap<>(CodeKind.class);
        parcel.codes.forEach((kind, code) -> hashes.put(kind, hasher.hash(code)));
        long id = db.inTransaction(connection -> {
            requireDoorCanTakeParcel(parcel.doorId);
            requireUser(parcel.userId);
            long created = SqlRefusal.explaining(Map.of(SqlRefusal.DUPLICATE, "a parcel with this external_id exists"),
                    () -> reservations.insert(parcel.externalId, parcel.userId, parcel.doorId, parcel.expiresAt));
            for (Map.Entry<CodeKind, String> hash : hashes.entrySet()) {
                // The hash is the key: another parcel holds the same code, which would make a typed code ambiguous.
                SqlRefusal.explaining(Map.of(SqlRefusal.DUPLICATE,
                        "'" + CodePolicy.fieldOf(hash.getKey()) + "' is already in use; choose another code"),
                        () -> codes.insert(hash.getValue(), created, hash.getKey()));
            }
            return created;
        });
        return get(id);
    }

    public Reservation update(ReservationChange change) throws SQLException {
        if (change.isEmpty()) {
            throw ApiException.badRequest("nothing_to_update", "give at least one of expires_at, user_id, door_id, status");
        }
        db.inTransaction(connection -> {
            ReservationState current = reservations.lockById(change.id).orElseThrow(() -> notFound(change.id));
            if (change.status != null && !(change.status.isSettableByUpdate() && current.status.isActive())) {
                throw ApiException.conflict("invalid_transition",
                        "a parcel that is " + current.status + " cannot be set to " + change.status
                                + " (only EXPIRED, RETURNED or CANCELLED, from ARRIVING or IN_STORAGE)");
            }
            ParcelDeadlines.requireDeadlineChangeable(current, change);
            Integer newDoor = null;
            if (change.doorId != null && change.doorId != current.doorId) {
                if (current.status != ReservationStatus.ARRIVING) {
                    throw ApiException.conflict("invalid_transition",
                            "a parcel changes door only while ARRIVING; this one is " + current.status);
                }
                requireDoorCanTakeParcel(change.doorId);
                newDoor = change.doorId;
            }
            if (change.userId != null) {
                requireUser(change.userId);
            }
            Instant now = clock.now();
            reservations.update(change.id, change.expiresAt, change.userId, newDoor, change.status, now);
            if (change.expiresAt != null) {
                deadlines.deadlineSet(current, change.expiresAt, now);
            }
            if (change.status != null) {
                // The door's state is left alone: a parcel that ends in storage is still behind the
                // door until someone takes it out and an operator frees the door (door-manager set_state).
                int door = newDoor != null ? newDoor : current.doorId;
                Map<String, Object> payload = ParcelEventPayload.start(current.externalId, change.status, current.status);
                payload.put("door_id", door);
                payload.put("at", now.toString());
                Outbox.append(db, STATUS_CHANGED, change.id, door, payload);
            }
            return null;
        });
        return get(change.id);
    }

    public void delete(long id) throws SQLException {
        // The codes go with it (ON DELETE CASCADE); outbox events already written stay to be sent.
        if (!reservations.delete(id)) {
            throw notFound(id);
        }
    }

    public Reservation get(long id) throws SQLException {
        return reservations.findById(id).orElseThrow(() -> notFound(id));
    }

    /** @param status null for any; @param doorId null for any */
    public List<Reservation> list(ReservationStatus status, Integer doorId, long afterId, int limit) throws SQLException {
        return reservations.list(status, doorId, afterId, limit);
    }

    /**
     * A door takes a new parcel when it exists, is in service, and is empty: no arriving or stored
     * parcel, and not OCCUPIED (a parcel that ended while stored stays behind the door until an
     * operator frees it). The door row stays locked until commit, so two parcels cannot both win it.
     */
    private void requireDoorCanTakeParcel(int doorId) throws SQLException {
        DoorState state = doors.lockState(doorId).orElseThrow(() ->
                ApiException.badRequest("unknown_reference", "there is no door " + doorId));
        if (state == DoorState.OUT_OF_SERVICE) {
            throw ApiException.conflict("door_unavailable", "door " + doorId + " is out of service");
        }
        if (state == DoorState.OCCUPIED || reservations.countActiveAtDoor(doorId) > 0) {
            throw ApiException.conflict("door_busy", "door " + doorId + " already holds a parcel");
        }
    }

    private void requireUser(long userId) throws SQLException {
        if (!users.exists(userId)) {
            throw ApiException.badRequest("unknown_reference", "there is no user " + userId);
        }
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("no reservation " + id);
    }
}
