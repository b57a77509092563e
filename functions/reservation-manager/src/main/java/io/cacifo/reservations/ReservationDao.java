package io.cacifo.reservations;

import io.cacifo.kit.db.Db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The reservations table, read together with when each of a parcel's codes was used. */
public final class ReservationDao {
    /** One row per parcel: the (reservation_id, kind) unique key makes each join match at most one code. */
    private static final String SELECT = "SELECT r.id, r.external_id, r.status, r.user_id, r.door_id, r.created_at,"
            + " r.updated_at, r.deposited_at, r.picked_up_at, r.expires_at, r.version,"
            + " d.used_at AS deposit_used_at, p.used_at AS pickup_used_at, b.used_at AS backup_used_at"
            + " FROM reservations r"
            + " LEFT JOIN reservation_codes d ON d.reservation_id = r.id AND d.kind = 'DEPOSIT'"
            + " LEFT JOIN reservation_codes p ON p.reservation_id = r.id AND p.kind = 'PICKUP'"
            + " LEFT JOIN reservation_codes b ON b.reservation_id = r.id AND b.kind = 'BACKUP'";
    private final Db db;

    public ReservationDao(Db db) {
        this.db = db;
    }

    public long insert(String externalId, long userId, int doorId, Instant expiresAt) throws SQLException {
        return db.insert("INSERT INTO reservations (external_id, user_id, door_id, expires_at) VALUES (?, ?, ?, ?)",
                externalId, userId, doorId, expiresAt);
    }

    public Optional<Reservation> findById(long id) throws SQLException {
        return db.find(SELECT + " WHERE r.id = ?", ReservationDao::map, id);
    }

    /** Parcels with an id above {@code afterId}, in id order; a null filter matches all. */
    public List<Reservation> list(ReservationStatus status, Integer doorId, long afterId, int limit) throws SQLException {
        return db.list(SELECT + " WHERE r.id > ? AND (? IS NULL OR r.status = ?) AND (? IS NULL OR r.door_id = ?)"
                        + " ORDER BY r.id LIMIT ?",
                ReservationDao::map, afterId, status, status, doorId, doorId, limit);
    }

    /** Locks the row until the transaction ends; call inside {@link Db#inTransaction}. */
    public Optional<ReservationState> lockById(long id) throws SQLException {
        return db.find("SELECT id, external_id, status, door_id, expires_at, version FROM reservations"
                + " WHERE id = ? FOR UPDATE", ReservationDao::mapState, id);
    }

    /** Parcels at the door that are arriving or stored: at most one may be. */
    public int countActiveAtDoor(int doorId) throws SQLException {
        return db.find("SELECT COUNT(*) AS active FROM reservations WHERE door_id = ? AND status IN ('ARRIVING', 'IN_STORAGE')",
                row -> row.getInt("active"), doorId).orElse(0);
    }

    /**
     * Whether a parcel other than {@code reservationId} is at the door now (arriving or stored) or has
     * been given to it since {@code since}: created for it, moved to it or changed while there
     * (updated_at grows with every change, so it is never older than the parcel's assignment).
     */
    public boolean otherParcelAtDoorSince(int doorId, long reservationId, Instant since) throws SQLException {
        return db.find("SELECT EXISTS (SELECT 1 FROM reservations WHERE door_id = ? AND id <> ?"
                        + " AND (status IN ('ARRIVING', 'IN_STORAGE') OR updated_at >= ?)) AS taken",
                row -> row.getBoolean("taken"), doorId, reservationId, since).orElse(true);
    }

    /** Sets the given fields (null leaves one as it is) and counts the change in version. */
    public boolean update(long id, Instant expiresAt, Long userId, Integer doorId, ReservationStatus status, Instant at)
            throws SQLException {
        return db.update("UPDATE reservations SET expires_at = COALESCE(?, expires_at), user_id = COALESCE(?, user_id),"
                        + " door_id = COALESCE(?, door_id), status = COALESCE(?, status),"
                        + " updated_at = ?, version = version + 1 WHERE id = ?",
                expiresAt, userId, doorId, status, at, id) == 1;
    }

    /**
     * The deposit code was used {@code at}: the parcel is in its door, with the pick-up deadline
     * {@code deadline} unless the back-end gave one. {@code now} stamps updated_at; the two differ
     * when a door operation is completed after a crash.
     */
    public boolean markDeposited(long id, Instant at, Instant deadline, Instant now) throws SQLException {
        return db.update("UPDATE reservations SET status = 'IN_STORAGE', deposited_at = ?,"
                + " expires_at = COALESCE(expires_at, ?), updated_at = ?,"
                + " version = version + 1 WHERE id = ? AND status = 'ARRIVING'", at, deadline, now, id) == 1;
    }

    /** The pick-up code was used {@code at}: the customer has the parcel, which was {@code from} (stored, or expired since the door opened). */
    public boolean markPickedUp(long id, ReservationStatus from, Instant at, Instant now) throws SQLException {
        return db.update("UPDATE reservations SET status = 'DELIVERED', picked_up_at = ?, updated_at = ?,"
                + " version = version + 1 WHERE id = ? AND status = ?", at, now, id, from) == 1;
    }

    /** The back-up code was used: the door was opened and the parcel stays in storage. */
    public boolean markBackupOpened(long id, Instant now) throws SQLException {
        return db.update("UPDATE reservations SET updated_at = ?, version = version + 1"
                + " WHERE id = ? AND status = 'IN_STORAGE'", now, id) == 1;
    }

    /** The back-up code collected an expired parcel: it goes back to the sender. */
    public boolean markReturned(long id, Instant now) throws SQLException {
        return db.update("UPDATE reservations SET status = 'RETURNED', updated_at = ?, version = version + 1"
                + " WHERE id = ? AND status = 'EXPIRED'", now, id) == 1;
    }

    /** A stored parcel past its deadline at {@code now} is EXPIRED; false when it was not. */
    public boolean markExpired(long id, Instant now) throws SQLException {
        return db.update("UPDATE reservations SET status = 'EXPIRED', updated_at = ?, version = version + 1"
                + " WHERE id = ? AND status = 'IN_STORAGE' AND expires_at <= ?", now, id, now) == 1;
    }

    /**
     * Stored parcels never reminded whose deadline is after {@code now} and at most {@code windowEnd},
     * soonest first (ix_reservations_sweep).
     */
    public List<Long> remindersDue(Instant now, Instant windowEnd, int limit) throws SQLException {
        return db.list("SELECT id FROM reservations WHERE status = 'IN_STORAGE' AND expires_at > ? AND expires_at <= ?"
                + " AND reminder_sent_at IS NULL ORDER BY expires_at LIMIT ?", row -> row.getLong("id"), now, windowEnd, limit);
    }

    /** Stamps the reminder of a parcel still due one (as {@link #remindersDue} says); false when it is not. */
    public boolean markReminded(long id, Instant now, Instant windowEnd) throws SQLException {
        return db.update("UPDATE reservations SET reminder_sent_at = ?, updated_at = ?, version = version + 1"
                + " WHERE id = ? AND status = 'IN_STORAGE' AND expires_at > ? AND expires_at <= ?"
                + " AND reminder_sent_at IS NULL", now, now, id, now, windowEnd) == 1;
    }

    /** Stored parcels past their deadline at {@code now}, longest past first (ix_reservations_sweep). */
    public List<Long> expiriesDue(Instant now, int limit) throws SQLException {
        return db.list("SELECT id FROM reservations WHERE status = 'IN_STORAGE' AND expires_at <= ?"
                + " ORDER BY expires_at LIMIT ?", row -> row.getLong("id"), now, limit);
    }

    /**
     * After the back-end moved a stored or expired parcel's deadline (the update counted the change):
     * its reminder is due again, and an expired one is back in storage when {@code stored}.
     */
    public void deadlineMoved(long id, boolean stored) throws SQLException {
        db.update("UPDATE reservations SET reminder_sent_at = NULL, status = IF(?, 'IN_STORAGE', status) WHERE id = ?",
                stored, id);
    }

    /**
     * The parcel physically behind the door, as support sees it: the one IN_STORAGE there, else the
     * EXPIRED one deposited there last, while its door was not freed (an operator who frees the door
     * has taken an expired parcel out). An ARRIVING parcel is not in the door yet.
     */
    public Optional<ReservationState> findBehindDoor(int doorId) throws SQLException {
        return db.find("SELECT r.id, r.external_id, r.status, r.door_id, r.expires_at, r.version FROM reservations r"
                        + " JOIN doors d ON d.id = r.door_id WHERE r.door_id = ? AND (r.status = 'IN_STORAGE'"
                        + " OR (r.status = 'EXPIRED' AND r.deposited_at IS NOT NULL AND d.state <> 'FREE'))"
                        + " ORDER BY r.status = 'IN_STORAGE' DESC, r.deposited_at DESC, r.id DESC LIMIT 1",
                ReservationDao::mapState, doorId);
    }

    /**
     * Support took the parcel out: {@code from} (the status it was locked in) to DELIVERED, stamping
     * picked_up_at, or to RETURNED.
     */
    public boolean markTakenOutBySupport(long id, ReservationStatus from, ReservationStatus to, Instant at, Instant now)
            throws SQLException {
        Instant pickedUpAt = to == ReservationStatus.DELIVERED ? at : null;
        return db.update("UPDATE reservations SET status = ?, picked_up_at = COALESCE(?, picked_up_at), updated_at = ?,"
                + " version = version + 1 WHERE id = ? AND status = ?", to, pickedUpAt, now, id, from) == 1;
    }

    public boolean delete(long id) throws SQLException {
        return db.update("DELETE FROM reservations WHERE id = ?", id) == 1;
    }

    private static Reservation map(ResultSet row) throws SQLException {
        return new Reservation(row.getLong("id"), row.getString("external_id"),
                ReservationStatus.valueOf(row.getString("status")), row.getLong("user_id"), row.getInt("door_id"),
                Db.instant(row, "created_at"), Db.instant(row, "updated_at"), Db.instant(row, "deposited_at"),
                Db.instant(row, "picked_up_at"), Db.instant(row, "expires_at"), row.getInt("version"),
                new Reservation.Codes(Db.instant(row, "deposit_used_at"), Db.instant(row, "pickup_used_at"),
                        Db.instant(row, "backup_used_at")));
    }

    static ReservationState mapState(ResultSet row) throws SQLException {
        return new ReservationState(row.getLong("id"), row.getString("external_id"),
                ReservationStatus.valueOf(row.getString("status")), row.getInt("door_id"),
                Db.instant(row, "expires_at"), row.getInt("version"));
    }
}
