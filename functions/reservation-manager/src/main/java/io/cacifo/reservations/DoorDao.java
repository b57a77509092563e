package io.cacifo.reservations;

import io.cacifo.kit.db.Db;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The doors table, as far as parcels move through it (door-manager owns the rest). */
public final class DoorDao {
    private final Db db;

    public DoorDao(Db db) {
        this.db = db;
    }

    /**
     * Locks the door row until the transaction ends, so two parcels given to one door at once take
     * turns and the second sees the first.
     */
    public Optional<DoorState> lockState(int doorId) throws SQLException {
        return db.find("SELECT state FROM doors WHERE id = ? FOR UPDATE",
                row -> DoorState.valueOf(row.getString("state")), doorId);
    }

    public Optional<DoorState> findState(int doorId) throws SQLException {
        return db.find("SELECT state FROM doors WHERE id = ?", row -> DoorState.valueOf(row.getString("state")), doorId);
    }

    /** Sets the state a parcel's move leaves; a door an operator put out of service stays so. */
    public void setStateUnlessOutOfService(int doorId, DoorState state, Instant at) throws SQLException {
        db.update("UPDATE doors SET state = ?, updated_at = ? WHERE id = ? AND state <> 'OUT_OF_SERVICE'",
                state, at, doorId);
    }
}
