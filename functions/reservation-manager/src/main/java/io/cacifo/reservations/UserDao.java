package io.cacifo.reservations;

import io.cacifo.kit.db.Db;

import java.sql.SQLException;

/** The users table, only to check a parcel's owner exists (user-manager owns the rest). */
public final class UserDao {
    private final Db db;

    public UserDao(Db db) {
        this.db = db;
    }

    public boolean exists(long userId) throws SQLException {
        return db.find("SELECT 1 AS found FROM users WHERE id = ?", row -> true, userId).isPresent();
    }
}
