package io.cacifo.controller;

import io.cacifo.kit.db.Db;
import io.cacifo.kit.db.SqlErrors;
import io.cacifo.kit.outbox.Outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The door_operations journal: a row is written before a door opens and finished after it closes.
 * Its unique key on {@code active_door} lets one OPENING or WAITING operation hold a door at a time.
 */
final class DoorOperationDao {
    private final Db db;

    DoorOperationDao(Db db) {
        this.db = db;
    }

    /**
     * Journals a new OPENING operation, counts it in {@code inFlight} before the row commits (so a
     * reconciler never sees it as abandoned), and returns its id; empty when another operation holds the door.
     */
    Optional<Long> start(ValidatedCode code, OperationsInFlight inFlight) throws SQLException {
        long[] id = {0};
        try {
            db.inTransaction(connection -> {
                id[0] = db.insert("INSERT INTO door_operations (door_id, reservation_id, code_kind, grace, state)"
                        + " VALUES (?, ?, ?, ?, 'OPENING')", code.doorId, code.reservationId, code.kind, code.grace);
                inFlight.add(id[0]);
                return null;
            });
            return Optional.of(id[0]);
        } catch (SQLException e) {
            if (id[0] != 0) {
                inFlight.release(id[0]);
            }
            if (isDuplicate(e)) {
                return Optional.empty();
            }
            throw e;
        } catch (RuntimeException e) {
            if (id[0] != 0) {
                inFlight.release(id[0]);
            }
            throw e;
        }
    }

    /**
     * The door is open: an OPENING operation becomes WAITING (one already past OPENING is left as it
     * is). A grace re-open writes its {@code door.reopened} event in the same transaction, so the
     * back-end hears of every door a used code opened again, once, and never of one that did not open.
     */
    void markOpened(long id, boolean grace) throws SQLException {
        String toWaiting = "UPDATE door_operations SET state = 'WAITING' WHERE id = ? AND state = 'OPENING'";
        if (!grace) {
            db.update(toWaiting, id);
            return;
        }
        db.inTransaction(connection -> {
            if (db.update(toWaiting, id) == 1) {
                Map<String, Object> payload = db.find("SELECT o.door_id, o.reservation_id, o.code_kind, r.external_id"
                        + " FROM door_operations o JOIN reservations r ON r.id = o.reservation_id WHERE o.id = ?",
                        row -> reopened(id, row), id)
                        .orElseThrow(() -> new SQLException("door operation " + id + " vanished inside its transaction"));
                Outbox.append(db, "door.reopened", (Long) payload.get("reservation_id"), (Integer) payload.get("door_id"), payload);
            }
            return null;
        });
    }

    private static Map<String, Object> reopened(long id, ResultSet row) throws SQLException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("operation_id", id);
        payload.put("door_id", row.getInt("door_id"));
        payload.put("reservation_id", row.getLong("reservation_id"));
        payload.put("external_id", row.getString("external_id"));
        payload.put("kind", row.getString("code_kind"));
        return payload;
    }

    /** Ends an operation that is still OPENING or WAITING; an ended one is left as it is. */
    void finish(long id, OperationState state) throws SQLException {
        db.update("UPDATE door_operations SET state = ?, finished_at = NOW(3)"
                + " WHERE id = ? AND state IN ('OPENING', 'WAITING')", state, id);
    }

    /**
     * Ends an operation as LEFT_OPEN and writes the {@code door.left_open} alarm in the same
     * transaction, so the back-end hears of every such operation once.
     */
    void finishLeftOpen(long id, int doorId, long reservationId, CodeKind kind, Duration timeout) throws SQLException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("operation_id", id);
        payload.put("door_id", doorId);
        payload.put("reservation_id", reservationId);
        payload.put("kind", kind);
        payload.put("timeout_ms", timeout.toMillis());
        db.inTransaction(connection -> {
            // Locked first: of two finishers (a follow-up and a reconciler) only one writes the alarm.
            boolean open = db.find("SELECT state FROM door_operations WHERE id = ? FOR UPDATE", row -> row.getString(1), id)
                    .map(state -> "OPENING".equals(state) || "WAITING".equals(state)).orElse(false);
            if (open) {
                Outbox.append(db, "door.left_open", reservationId, doorId, payload);
                finish(id, OperationState.LEFT_OPEN);
            }
            return null;
        });
    }

    /**
     * Up to {@code limit} operations still OPENING or WAITING, oldest first, with their age by the
     * database's clock (the clock that stamped started_at).
     */
    List<UnfinishedOperation> listUnfinished(int limit) throws SQLException {
        return db.list("SELECT id, door_id, reservation_id, code_kind, grace, state,"
                        + " TIMESTAMPDIFF(MICROSECOND, started_at, NOW(3)) DIV 1000 AS age_ms"
                        + " FROM door_operations WHERE state IN ('OPENING', 'WAITING') ORDER BY id LIMIT ?",
                DoorOperationDao::unfinished, limit);
    }

    private static UnfinishedOperation unfinished(ResultSet row) throws SQLException {
        return new UnfinishedOperation(row.getLong("id"), row.getInt("door_id"), row.getLong("reservation_id"),
                CodeKind.valueOf(row.getString("code_kind")), row.getBoolean("grace"),
                OperationState.valueOf(row.getString("state")), Duration.ofMillis(Math.max(0, row.getLong("age_ms"))));
    }

    private static boolean isDuplicate(SQLException e) {
        return SqlErrors.find(e).map(SqlErrors::isDuplicateKey).orElse(false);
    }
}
