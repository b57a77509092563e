package io.cacifo.reservations;

import io.cacifo.kit.db.Db;

import java.sql.SQLException;
import java.time.Instant;

/**
 * The database's clock. used_at, expires_at and the grace period are all judged by it, so the
 * JVMs' clocks never have to agree with each other or with MariaDB.
 */
public final class DbClock {
    private final Db db;

    public DbClock(Db db) {
        this.db = db;
    }

    /**
     * The current UTC time. Its own statement on purpose: NOW() inside a statement is the time
     * the statement began, which for a SELECT ... FOR UPDATE may be before a long lock wait.
     */
    public Instant now() throws SQLException {
        return db.find("SELECT UTC_TIMESTAMP(3) AS now", row -> Db.instant(row, "now"))
                .orElseThrow(() -> new SQLException("SELECT UTC_TIMESTAMP(3) returned no row"));
    }
}
