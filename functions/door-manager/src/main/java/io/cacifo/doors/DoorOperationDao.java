package io.cacifo.doors;

import io.cacifo.kit.db.Db;

import java.sql.SQLException;
import java.time.Duration;

/** The door_operations journal, read-only here: the controller writes it. */
public final class DoorOperationDao {
    private final Db db;

    public DoorOperationDao(Db db) {
        this.db = db;
    }

    /**
     * Door operations that need a person: those that ended LEFT_OPEN in the last 24 hours, and those
     * still OPENING or WAITING longer than {@code closeTimeout} (the controller died or the board
     * hangs). Times are compared on the database clock, which also stamped the rows.
     */
    public long countOpenAlarms(Duration closeTimeout) throws SQLException {
        return db.find("SELECT COUNT(*) FROM door_operations"
                        + " WHERE (state = 'LEFT_OPEN' AND COALESCE(finished_at, started_at) >= NOW(3) - INTERVAL 1 DAY)"
                        + " OR (state IN ('OPENING', 'WAITING') AND started_at < NOW(3) - INTERVAL ? MICROSECOND)",
                row -> row.getLong(1), closeTimeout.toNanos() / 1000).orElse(0L);
    }
}
