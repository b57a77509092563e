package io.cacifo.doors;

import io.cacifo.kit.db.Db;
import io.cacifo.kit.doors.DoorOperationDao;

import java.sql.SQLException;
import java.time.Duration;

/** Reads the locker's {@link Occupancy} from the doors and the door operations journal. */
public final class OccupancyReport {
    private final Db db;
    private final DoorDao doors;
    private final DoorOperationDao operations;
    private final Duration closeTimeout;

    public OccupancyReport(Db db, DoorDao doors, DoorOperationDao operations, Duration closeTimeout) {
        this.db = db;
        this.doors = doors;
        this.operations = operations;
        this.closeTimeout = closeTimeout;
    }

    /** Both reads in one transaction: one connection, and one snapshot so the numbers agree. */
    public Occupancy read() throws SQLException {
        return db.inTransaction(connection ->
                Occupancy.of(doors.countBySizeAndState(), operations.countOpenAlarms(closeTimeout)));
    }
}
