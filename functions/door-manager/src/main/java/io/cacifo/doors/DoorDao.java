package io.cacifo.doors;

import io.cacifo.kit.db.Db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The doors table. */
public final class DoorDao {
    private static final String COLUMNS = "id, size, partner_id, state, out_of_service_reason, created_at, updated_at";
    private final Db db;

    public DoorDao(Db db) {
        this.db = db;
    }

    /**
     * Adds a door under its board number. Throws the driver's error 1062 when the number is taken and
     * 1452 when {@code partnerId} names no partner.
     */
    public void insert(int id, DoorSize size, Long partnerId, DoorState state) throws SQLException {
        db.update("INSERT INTO doors (id, size, partner_id, state, out_of_service_reason) VALUES (?, ?, ?, ?, ?)",
                id, size, partnerId, state, OutOfService.reasonFor(state));
    }

    /** Locks the door row until the transaction ends; call inside {@link Db#inTransaction}. */
    public Optional<Door> lockById(int id) throws SQLException {
        return db.find("SELECT " + COLUMNS + " FROM doors WHERE id = ? FOR UPDATE", DoorDao::map, id);
    }

    public Optional<Door> findById(int id) throws SQLException {
        return db.find("SELECT " + COLUMNS + " FROM doors WHERE id = ?", DoorDao::map, id);
    }

    /**
     * Doors numbered above {@code afterId}, in number order (keyset paging), optionally only those in
     * {@code state} and of {@code size} (null means any).
     */
    public List<Door> list(int afterId, DoorState state, DoorSize size, int limit) throws SQLException {
        return db.list("SELECT " + COLUMNS + " FROM doors WHERE id > ?"
                        + " AND (? IS NULL OR state = ?) AND (? IS NULL OR size = ?) ORDER BY id LIMIT ?",
                DoorDao::map, afterId, state, state, size, size, limit);
    }

    /**
     * Sets the given fields (null leaves a field as it is); returns false when no such door exists.
     * Throws the driver's error 1452 when {@code partnerId} names no partner.
     */
    public boolean update(int id, DoorSize size, Long partnerId) throws SQLException {
        return db.update("UPDATE doors SET size = COALESCE(?, size), partner_id = COALESCE(?, partner_id),"
                + " updated_at = NOW(3) WHERE id = ?", size, partnerId, id) == 1;
    }

    /** The back-end's word: the reason becomes {@link OutOfService#reasonFor} the state. Returns false when no such door exists. */
    public boolean setState(int id, DoorState state) throws SQLException {
        return db.update("UPDATE doors SET state = ?, out_of_service_reason = ?, updated_at = NOW(3) WHERE id = ?",
                state, OutOfService.reasonFor(state), id) == 1;
    }

    /** Takes the door out of service for {@code reason}; returns false when no such door exists. */
    public boolean takeOutOfService(int id, String reason) throws SQLException {
        return db.update("UPDATE doors SET state = 'OUT_OF_SERVICE', out_of_service_reason = ?, updated_at = NOW(3)"
                + " WHERE id = ?", reason, id) == 1;
    }

    /** Throws the driver's error 1451 while parcels or door operations still reference the door. */
    public boolean delete(int id) throws SQLException {
        return db.update("DELETE FROM doors WHERE id = ?", id) == 1;
    }

    /** How many doors there are of each size in each state; combinations with no door are left out. */
    public List<DoorCount> countBySizeAndState() throws SQLException {
        return db.list("SELECT size, state, COUNT(*) AS doors FROM doors GROUP BY size, state",
                row -> new DoorCount(DoorSize.valueOf(row.getString("size")),
                        DoorState.valueOf(row.getString("state")), row.getLong("doors")));
    }

    /** How many doors are in each state; every state is listed, 0 when no door is in it. */
    public Map<DoorState, Long> countByState() throws SQLException {
        Map<DoorState, Long> counts = new EnumMap<>(DoorState.class);
        for (DoorState state : DoorState.values()) {
            counts.put(state, 0L);
        }
        for (DoorCount row : countBySizeAndState()) {
            counts.merge(row.state, row.count, Long::sum);
        }
        return counts;
    }

    /** How many OUT_OF_SERVICE doors there are for each reason ({@link OutOfService}); reasons with none are left out. */
    public Map<String, Long> countOutOfServiceByReason() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        db.list("SELECT out_of_service_reason AS reason, COUNT(*) AS doors FROM doors WHERE state = 'OUT_OF_SERVICE'"
                + " GROUP BY out_of_service_reason", row -> counts.put(String.valueOf(row.getString("reason")),
                row.getLong("doors")));
        return counts;
    }

    private static Door map(ResultSet row) throws SQLException {
        long partner = row.getLong("partner_id");
        // wasNull speaks of the column read last, so ask it before reading the next one.
        Long partnerId = row.wasNull() ? null : partner;
        return new Door(row.getInt("id"), DoorSize.valueOf(row.getString("size")),
                partnerId, DoorState.valueOf(row.getString("state")), row.getString("out_of_service_reason"),
                Db.instant(row, "created_at"), Db.instant(row, "updated_at"));
    }
}
