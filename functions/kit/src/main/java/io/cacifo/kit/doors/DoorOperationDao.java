package io.cacifo.kit.doors;

import io.cacifo.kit.db.Db;
import io.cacifo.kit.db.SqlErrors;
import io.cacifo.kit.outbox.Outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The door_operations journal (db/schema.sql), the one DAO of that table. The controller writes a
 * row before a door opens and finishes it after the door is closed; its unique key on
 * {@code active_door} lets one OPENING or WAITING operation hold a door at a time. reservation-manager
 * reads it to use a code only for a door the controller journaled, door-manager to count alarms.
 * A SUPPORT row is the back-end's remote opening: no code, perhaps no parcel ({@link SupportRequest}).
 */
public final class DoorOperationDao {
    private static final String COLUMNS = "SELECT id, door_id, reservation_id, code_kind, grace, support_mark,"
            + " support_reason, support_ticket, state, started_at,"
            + " TIMESTAMPDIFF(MICROSECOND, started_at, NOW(3)) DIV 1000 AS age_ms FROM door_operations";

    /**
     * The operations a process still works on, told of a new one inside its insert's transaction
     * (so no other reader sees the row before it is counted) and told to let go when it did not commit.
     */
    public interface InFlight {
        void add(long operationId);

        void release(long operationId);
    }

    private final Db db;

    public DoorOperationDao(Db db) {
        this.db = db;
    }

    /**
     * Journals a new OPENING operation, counts it in {@code inFlight} before the row commits, and
     * returns its id; empty when another operation holds the door.
     */
    public Optional<Long> start(int doorId, long reservationId, String kind, boolean grace, InFlight inFlight)
            throws SQLException {
        return insert(doorId, reservationId, kind, grace, null, inFlight);
    }

    /**
     * {@link #start} for the back-end's remote opening (kind SUPPORT): {@code reservationId} is the
     * parcel behind the door, or null for an empty door; {@code support} is kept with the row.
     */
    public Optional<Long> startSupport(int doorId, Long reservationId, SupportRequest support, InFlight inFlight)
            throws SQLException {
        return insert(doorId, reservationId, SupportRequest.KIND, false, support, inFlight);
    }

    private Optional<Long> insert(int doorId, Long reservationId, String kind, boolean grace, SupportRequest support,
                                  InFlight inFlight) throws SQLException {
        long[] id = {0};
        try {
            db.inTransaction(connection -> {
                id[0] = db.insert("INSERT INTO door_operations (door_id, reservation_id, code_kind, grace, support_mark,"
                        + " support_reason, support_ticket, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'OPENING')",
                        doorId, reservationId, kind, grace, support == null ? null : support.mark,
                        support == null ? null : support.reason, support == null ? null : support.ticket);
                inFlight.add(id[0]);
                return null;
            });
            return Optional.of(id[0]);
        } catch (SQLException | RuntimeException e) {
            if (id[0] != 0) {
                inFlight.release(id[0]);
            }
            if (e instanceof SQLException && SqlErrors.find(e).map(SqlErrors::isDuplicateKey).orElse(false)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The door is open: an OPENING operation becomes WAITING (one already past OPENING is left as it
     * is, so a second call changes nothing). A grace re-open writes its {@code door.reopened} event in
     * the same transaction, so the back-end hears of every door a used code opened again, once, and
     * never of one that did not open.
     */
    public void markOpened(long id, boolean grace) throws SQLException {
        // Never a SUPPORT row: its opening is reported by markSupportOpened, which must not find it WAITING already.
        String toWaiting = "UPDATE door_operations SET state = 'WAITING' WHERE id = ? AND state = 'OPENING'"
                + " AND code_kind <> 'SUPPORT'";
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

    /**
     * {@link #markOpened} for a SUPPORT operation: OPENING becomes WAITING and its
     * {@code door.support_opened} event is written in the same transaction, from what the row keeps,
     * so the back-end hears of every door support opened once, whoever journals it (the workflow, its
     * follow-up or a reconciliation), and never of one that did not open.
     */
    public void markSupportOpened(long id) throws SQLException {
        db.inTransaction(connection -> {
            if (db.update("UPDATE door_operations SET state = 'WAITING' WHERE id = ? AND state = 'OPENING'"
                    + " AND code_kind = 'SUPPORT'", id) == 1) {
                Map<String, Object> payload = db.find("SELECT o.door_id, o.reservation_id, r.external_id, o.support_reason,"
                        + " o.support_ticket, o.support_mark FROM door_operations o"
                        + " LEFT JOIN reservations r ON r.id = o.reservation_id WHERE o.id = ?",
                        row -> supportOpened(id, row), id)
                        .orElseThrow(() -> new SQLException("door operation " + id + " vanished inside its transaction"));
                Outbox.append(db, "door.support_opened", (Long) payload.get("reservation_id"),
                        (Integer) payload.get("door_id"), payload);
            }
            return null;
        });
    }

    private static Map<String, Object> supportOpened(long id, ResultSet row) throws SQLException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("operation_id", id);
        payload.put("door_id", row.getInt("door_id"));
        payload.put("reservation_id", nullableLong(row, "reservation_id"));
        payload.put("external_id", row.getString("external_id"));
        payload.put("reason", row.getString("support_reason"));
        payload.put("ticket", row.getString("support_ticket"));
        payload.put("mark", row.getString("support_mark"));
        return payload;
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
    public void finish(long id, OperationState state) throws SQLException {
        db.update("UPDATE door_operations SET state = ?, finished_at = NOW(3)"
                + " WHERE id = ? AND state IN ('OPENING', 'WAITING')", state, id);
    }

    /**
     * Ends an operation as LEFT_OPEN and writes the {@code door.left_open} alarm in the same
     * transaction, so the back-end hears of every such operation once.
     */
    public void finishLeftOpen(long id, int doorId, Long reservationId, String kind, Duration timeout) throws SQLException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("operation_id", id);
        payload.put("door_id", doorId);
        payload.put("reservation_id", reservationId);
        payload.put("kind", kind);
        payload.put("timeout_ms", timeout.toMillis());
        db.inTransaction(connection -> {
            // Locked first: of two finishers (a follow-up and a reconciler) only one writes the alarm.
            boolean open = db.find("SELECT state FROM door_operations WHERE id = ? FOR UPDATE",
                    row -> OperationState.valueOf(row.getString(1)), id).map(OperationState::unfinished).orElse(false);
            if (open) {
                Outbox.append(db, "door.left_open", reservationId, doorId, payload);
                finish(id, OperationState.LEFT_OPEN);
            }
            return null;
        });
    }

    /** Up to {@code limit} operations still OPENING or WAITING, oldest first. */
    public List<DoorOperation> listUnfinished(int limit) throws SQLException {
        return db.list(COLUMNS + " WHERE state IN ('OPENING', 'WAITING') ORDER BY id LIMIT ?", DoorOperationDao::row, limit);
    }

    /** How many operations are still OPENING or WAITING. */
    public long countUnfinished() throws SQLException {
        return db.find("SELECT COUNT(*) FROM door_operations WHERE state IN ('OPENING', 'WAITING')",
                row -> row.getLong(1)).orElse(0L);
    }

    public Optional<DoorOperation> find(long id) throws SQLException {
        return db.find(COLUMNS + " WHERE id = ?", DoorOperationDao::row, id);
    }

    /**
     * Whether the door was opened, or an opening was tried, for a parcel other than {@code reservationId}
     * since {@code since}. A support opening of the door with no parcel behind it counts: who knows what
     * the door holds since.
     */
    public boolean otherParcelOpenedSince(int doorId, long reservationId, Instant since) throws SQLException {
        return db.find("SELECT EXISTS (SELECT 1 FROM door_operations WHERE door_id = ?"
                        + " AND (reservation_id IS NULL OR reservation_id <> ?)"
                        + " AND started_at >= ?) AS opened",
                row -> row.getBoolean("opened"), doorId, reservationId, since).orElse(true);
    }

    /** Whether an operation (OPENING or WAITING) holds the door now, such as a grace re-open of the parcel just taken out. */
    public boolean holdsDoor(int doorId) throws SQLException {
        return db.find("SELECT EXISTS (SELECT 1 FROM door_operations WHERE active_door = ?) AS held",
                row -> row.getBoolean("held"), doorId).orElse(true);
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

    private static DoorOperation row(ResultSet row) throws SQLException {
        String kind = row.getString("code_kind");
        SupportRequest support = SupportRequest.KIND.equals(kind) ? new SupportRequest(row.getString("support_reason"),
                row.getString("support_ticket"), row.getString("support_mark")) : null;
        return new DoorOperation(row.getLong("id"), row.getInt("door_id"), nullableLong(row, "reservation_id"),
                kind, row.getBoolean("grace"), support, OperationState.valueOf(row.getString("state")),
                Db.instant(row, "started_at"), Duration.ofMillis(Math.max(0, row.getLong("age_ms"))));
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
