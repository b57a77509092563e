package io.cacifo.controller;

import com.google.gson.JsonParser;
import io.cacifo.kit.db.Db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The outbox_events table as the sender sees it. Times are the database's (NOW(3)), the same clock
 * that stamped {@code created_at} and the first {@code next_attempt_at}.
 */
final class OutboxEventDao {
    /** The longest pause between two attempts, and the exponent that first reaches it (2^9 s > 300 s). */
    static final int MAX_BACKOFF_SECONDS = 300;
    private static final int LAST_ERROR_LENGTH = 200;
    static final int PRUNE_LIMIT = 5000;

    private final Db db;

    OutboxEventDao(Db db) {
        this.db = db;
    }

    /**
     * Up to {@code limit} undelivered events in sequence order, but none while the oldest is backing
     * off: the back-end is one peer, and holding back the whole queue keeps each parcel's events in order.
     */
    List<OutboxEvent> listDueBatch(int limit) throws SQLException {
        Optional<Boolean> oldestDue = db.find("SELECT next_attempt_at <= NOW(3) FROM outbox_events"
                + " WHERE delivered_at IS NULL ORDER BY sequence LIMIT 1", row -> row.getBoolean(1));
        if (!oldestDue.orElse(false)) {
            return List.of();
        }
        return db.list("SELECT sequence, event_id, type, reservation_id, door_id, payload, created_at FROM outbox_events"
                + " WHERE delivered_at IS NULL ORDER BY sequence LIMIT ?", OutboxEventDao::map, limit);
    }

    void markDelivered(List<String> eventIds) throws SQLException {
        if (!eventIds.isEmpty()) {
            db.update("UPDATE outbox_events SET delivered_at = NOW(3), last_error = NULL"
                    + " WHERE delivered_at IS NULL AND event_id IN (" + placeholders(eventIds.size()) + ")", eventIds.toArray());
        }
    }

    /**
     * Counts a failed attempt and backs off: 1 s after the first failure, doubling up to 5 min, each
     * pause times {@code jitter} (the sender draws 0.8 to 1), so lockers that lost the back-end at the
     * same moment do not all come back at the same moment. next_attempt_at is assigned before
     * attempts, because MariaDB evaluates SET left to right.
     */
    void markFailed(List<String> eventIds, String error, double jitter) throws SQLException {
        if (eventIds.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>();
        params.add(jitter);
        params.add(error.length() > LAST_ERROR_LENGTH ? error.substring(0, LAST_ERROR_LENGTH) : error);
        params.addAll(eventIds);
        db.update("UPDATE outbox_events SET next_attempt_at = NOW(3) + INTERVAL ROUND(LEAST(" + MAX_BACKOFF_SECONDS
                + ", 1 << LEAST(attempts, 9)) * ? * 1000000) MICROSECOND, attempts = attempts + 1, last_error = ?"
                + " WHERE delivered_at IS NULL AND event_id IN (" + placeholders(eventIds.size()) + ")", params.toArray());
    }

    long countPending() throws SQLException {
        return db.find("SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS NULL", row -> row.getLong(1)).orElse(0L);
    }

    /** Seconds (database clock) since the oldest undelivered event was written; 0 when none waits. */
    double oldestPendingAgeSeconds() throws SQLException {
        return db.find("SELECT COALESCE(TIMESTAMPDIFF(MICROSECOND, MIN(created_at), NOW(3)), 0) / 1e6 FROM outbox_events"
                + " WHERE delivered_at IS NULL", row -> Math.max(0, row.getDouble(1))).orElse(0.0);
    }

    /**
     * Delivered events older than a day are only history the back-end already has. At most
     * {@link #PRUNE_LIMIT} per call keeps the statement short after a big backlog; the next flush
     * takes the rest.
     */
    int deleteDeliveredBefore24Hours() throws SQLException {
        return db.update("DELETE FROM outbox_events WHERE delivered_at < NOW(3) - INTERVAL 1 DAY LIMIT " + PRUNE_LIMIT);
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static OutboxEvent map(ResultSet row) throws SQLException {
        long reservation = row.getLong("reservation_id");
        Long reservationId = row.wasNull() ? null : reservation;
        int door = row.getInt("door_id");
        Integer doorId = row.wasNull() ? null : door;
        return new OutboxEvent(row.getLong("sequence"), row.getString("event_id"), row.getString("type"),
                reservationId, doorId, JsonParser.parseString(row.getString("payload")), Db.instant(row, "created_at"));
    }
}
