package io.cacifo.kit.outbox;

import io.cacifo.kit.db.Db;
import io.cacifo.kit.json.Json;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Writes events for the central back-end into outbox_events. Call it inside the
 * {@link Db#inTransaction} that makes the change the event reports: both commit or neither does.
 * The controller's sender delivers them (see docs/api.md, "Back-end events").
 */
public final class Outbox {
    private Outbox() {
    }

    /** Appends one event and returns its id, which the back-end uses to drop duplicates. */
    public static String append(Db db, String type, Long reservationId, Integer doorId, Map<String, ?> payload)
            throws SQLException {
        String eventId = UUID.randomUUID().toString();
        db.update("INSERT INTO outbox_events (event_id, type, reservation_id, door_id, payload) VALUES (?, ?, ?, ?, ?)",
                eventId, type, reservationId, doorId, Json.write(payload));
        return eventId;
    }
}
