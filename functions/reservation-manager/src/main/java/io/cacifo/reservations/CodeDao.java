package io.cacifo.reservations;

import io.cacifo.kit.db.Db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The reservation_codes table. Every method takes the code's hash; a plain code never reaches SQL. */
public final class CodeDao {
    private final Db db;

    public CodeDao(Db db) {
        this.db = db;
    }

    public void insert(String codeHash, long reservationId, CodeKind kind) throws SQLException {
        db.update("INSERT INTO reservation_codes (code_hash, reservation_id, kind) VALUES (?, ?, ?)",
                codeHash, reservationId, kind);
    }

    /**
     * The code with its parcel and the database's clock, in one statement so that a disable
     * committing meanwhile is seen whole or not at all.
     */
    public Optional<CodeLookup> findMatch(String codeHash) throws SQLException {
        return db.find("SELECT c.reservation_id, c.kind, c.used_at, r.id, r.external_id, r.status, r.door_id,"
                        + " r.expires_at, r.version, UTC_TIMESTAMP(3) AS now"
                        + " FROM reservation_codes c JOIN reservations r ON r.id = c.reservation_id"
                        + " WHERE c.code_hash = ?",
                row -> new CodeLookup(mapCode(row), ReservationDao.mapState(row), Db.instant(row, "now")), codeHash);
    }

    /** Locks the code row until the transaction ends: two disables of one code take turns here. */
    public Optional<StoredCode> lockByHash(String codeHash) throws SQLException {
        return db.find("SELECT reservation_id, kind, used_at FROM reservation_codes WHERE code_hash = ? FOR UPDATE",
                CodeDao::mapCode, codeHash);
    }

    /**
     * Locks the code of {@code kind} of a parcel, by the (reservation, kind) key, and returns its hash,
     * for callers that must use a parcel's code without being given it; empty when there is none.
     */
    public Optional<String> lockHashOf(long reservationId, CodeKind kind) throws SQLException {
        return db.find("SELECT code_hash FROM reservation_codes WHERE reservation_id = ? AND kind = ? FOR UPDATE",
                row -> row.getString("code_hash"), reservationId, kind);
    }

    /** Marks an unused code used; false when it was used already. */
    public boolean markUsed(String codeHash, Instant at) throws SQLException {
        return db.update("UPDATE reservation_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL",
                at, codeHash) == 1;
    }

    private static StoredCode mapCode(ResultSet row) throws SQLException {
        return new StoredCode(row.getLong("reservation_id"), CodeKind.valueOf(row.getString("kind")),
                Db.instant(row, "used_at"));
    }
}
