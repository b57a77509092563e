package io.cacifo.reservations;

import io.cacifo.kit.db.Db;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
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

    /**
     * The door's size as its rank in the doors.size ENUM (SMALL 1 < MEDIUM < LARGE < EXTRA_LARGE),
     * the row locked until the transaction ends; empty when there is no such door.
     */
    public Optional<Integer> lockSizeRank(int doorId) throws SQLException {
        return db.find("SELECT size + 0 AS size_rank FROM doors WHERE id = ? FOR UPDATE", row -> row.getInt("size_rank"), doorId);
    }

    /**
     * The FREE doors of size rank {@code rank} or larger but {@code except}, smallest size first, then
     * lowest id, every one locked until the transaction ends: a parcel given to one of them meanwhile
     * is seen by the reads that follow, and none can be given to one before this transaction ends.
     */
    public List<Integer> lockFreeFromSize(int rank, int except) throws SQLException {
        return db.list("SELECT id FROM doors WHERE state = 'FREE' AND size + 0 >= ? AND id <> ?"
                + " ORDER BY size + 0, id FOR UPDATE", row -> row.getInt("id"), rank, except);
    }

    /** Sets the state a parcel's move leaves; a door an operator put out of service stays so. */
    public void setStateUnlessOutOfService(int doorId, DoorState state, Instant at) throws SQLException {
        db.update("UPDATE doors SET state = ?, updated_at = ? WHERE id = ? AND state <> 'OUT_OF_SERVICE'",
                state, at, doorId);
    }
}
