package io.cacifo.users;

import io.cacifo.kit.db.Db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The users table. */
public final class UserDao {
    private static final String COLUMNS = "id, username, full_name, email, role, created_at, updated_at";
    private final Db db;

    public UserDao(Db db) {
        this.db = db;
    }

    public long insert(String username, String fullName, String email, Role role) throws SQLException {
        return db.insert("INSERT INTO users (username, full_name, email, role) VALUES (?, ?, ?, ?)",
                username, fullName, email, role);
    }

    public Optional<User> findById(long id) throws SQLException {
        return db.find("SELECT " + COLUMNS + " FROM users WHERE id = ?", UserDao::map, id);
    }

    /** Users with an id above {@code afterId}, in id order: keyset paging that stays fast on a big table. */
    public List<User> list(long afterId, int limit) throws SQLException {
        return db.list("SELECT " + COLUMNS + " FROM users WHERE id > ? ORDER BY id LIMIT ?", UserDao::map, afterId, limit);
    }

    /** Sets the given fields (null leaves a field as it is); returns false when no such user exists. */
    public boolean update(long id, String username, String fullName, String email, Role role) throws SQLException {
        return db.update("UPDATE users SET username = COALESCE(?, username), full_name = COALESCE(?, full_name),"
                + " email = COALESCE(?, email), role = COALESCE(?, role), updated_at = NOW(3) WHERE id = ?",
                username, fullName, email, role, id) == 1;
    }

    public boolean delete(long id) throws SQLException {
        return db.update("DELETE FROM users WHERE id = ?", id) == 1;
    }

    private static User map(ResultSet row) throws SQLException {
        return new User(row.getLong("id"), row.getString("username"), row.getString("full_name"),
                row.getString("email"), Role.valueOf(row.getString("role")),
                Db.instant(row, "created_at"), Db.instant(row, "updated_at"));
    }
}
