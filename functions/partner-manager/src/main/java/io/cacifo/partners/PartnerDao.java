package io.cacifo.partners;

import io.cacifo.kit.db.Db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The partners table. */
public final class PartnerDao {
    private static final String COLUMNS = "id, name, contact_email, created_at, updated_at";
    private final Db db;

    public PartnerDao(Db db) {
        this.db = db;
    }

    /** Throws the driver's error 1062 when the name is taken (uq_partners_name). */
    public long insert(String name, String contactEmail) throws SQLException {
        return db.insert("INSERT INTO partners (name, contact_email) VALUES (?, ?)", name, contactEmail);
    }

    public Optional<Partner> findById(long id) throws SQLException {
        return db.find("SELECT " + COLUMNS + " FROM partners WHERE id = ?", PartnerDao::map, id);
    }

    /** Partners with an id above {@code afterId}, in id order: keyset paging. */
    public List<Partner> list(long afterId, int limit) throws SQLException {
        return db.list("SELECT " + COLUMNS + " FROM partners WHERE id > ? ORDER BY id LIMIT ?",
                PartnerDao::map, afterId, limit);
    }

    /** Sets the given fields (null leaves a field as it is); returns false when no such partner exists. */
    public boolean update(long id, String name, String contactEmail) throws SQLException {
        return db.update("UPDATE partners SET name = COALESCE(?, name), contact_email = COALESCE(?, contact_email),"
                + " updated_at = NOW(3) WHERE id = ?", name, contactEmail, id) == 1;
    }

    /** Throws the driver's error 1451 while doors still reference the partner (fk_doors_partner). */
    public boolean delete(long id) throws SQLException {
        return db.update("DELETE FROM partners WHERE id = ?", id) == 1;
    }

    private static Partner map(ResultSet row) throws SQLException {
        return new Partner(row.getLong("id"), row.getString("name"), row.getString("contact_email"),
                Db.instant(row, "created_at"), Db.instant(row, "updated_at"));
    }
}
