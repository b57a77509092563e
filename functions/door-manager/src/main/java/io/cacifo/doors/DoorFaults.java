package io.cacifo.doors;

import io.cacifo.kit.db.Db;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.outbox.Outbox;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fault the locker found at a door (the controller's {@code report_fault}): the door goes
 * OUT_OF_SERVICE with the reason and a {@code door.fault} event tells the back-end, in one
 * transaction. Reporting the same fault again changes nothing and writes no second event.
 */
public final class DoorFaults {
    static final String EVENT = "door.fault";

    private final Db db;
    private final DoorDao doors;

    public DoorFaults(Db db, DoorDao doors) {
        this.db = db;
        this.doors = doors;
    }

    /** What a report did: the door after it, whether it changed it, and the event it wrote (null when none). */
    public static final class Reported {
        final int doorId;
        final DoorState state;
        final String outOfServiceReason;
        final boolean applied;
        final String eventId;

        Reported(Door door, boolean applied, String eventId) {
            this.doorId = door.id;
            this.state = door.state;
            this.outOfServiceReason = door.outOfServiceReason;
            this.applied = applied;
            this.eventId = eventId;
        }
    }

    /**
     * Takes door {@code doorId} out of service for {@code reason}; {@code operationId} (nullable) is
     * the door operation that found it. 404 not_found for a door that does not exist. A door already
     * out of service for this reason is answered applied=false; one out of service for another
     * reason (an operator's) now says this one, and the back-end hears of it.
     */
    public Reported report(int doorId, String reason, Long operationId) throws SQLException {
        return db.inTransaction(connection -> {
            // Locked, so of two reports at once the second sees the first's and writes no event.
            Door door = doors.lockById(doorId).orElseThrow(() -> ApiException.notFound("no door " + doorId));
            if (door.state == DoorState.OUT_OF_SERVICE && reason.equals(door.outOfServiceReason)) {
                return new Reported(door, false, null);
            }
            doors.takeOutOfService(doorId, reason);
            Door after = doors.findById(doorId).orElseThrow(() ->
                    new IllegalStateException("door " + doorId + " vanished under its lock"));
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("door_id", doorId);
            payload.put("reason", reason);
            payload.put("operation_id", operationId);
            payload.put("at", after.updatedAt.toString());
            return new Reported(after, true, Outbox.append(db, EVENT, null, doorId, payload));
        });
    }
}
