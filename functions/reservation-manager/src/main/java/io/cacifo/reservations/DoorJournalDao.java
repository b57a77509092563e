package io.cacifo.reservations;

import io.cacifo.kit.db.Db;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads the controller's door_operations journal (db/schema.sql). reservation-manager only reads
 * it, so that {@code complete}, which uses a code without being given the code, does so only for a
 * door the controller really journaled as opened for that parcel's code.
 */
final class DoorJournalDao {
    private final Db db;

    DoorJournalDao(Db db) {
        this.db = db;
    }

    Optional<JournaledOperation> find(long id) throws SQLException {
        return db.find("SELECT id, reservation_id, code_kind, grace, state, started_at FROM door_operations WHERE id = ?",
                row -> new JournaledOperation(row.getLong("id"), row.getLong("reservation_id"),
                        CodeKind.valueOf(row.getString("code_kind")), row.getBoolean("grace"), row.getString("state"),
                        Db.instant(row, "started_at")), id);
    }

    /** Whether the door was opened, or an opening was tried, for a parcel other than {@code reservationId} since {@code since}. */
    boolean otherParcelOpenedSince(int doorId, long reservationId, Instant since) throws SQLException {
        return db.find("SELECT EXISTS (SELECT 1 FROM door_operations WHERE door_id = ? AND reservation_id <> ?"
                        + " AND started_at >= ?) AS opened",
                row -> row.getBoolean("opened"), doorId, reservationId, since).orElse(true);
    }
}
