package io.cacifo.reservations;

import java.time.Instant;

/**
 * A row of the controller's door-operations journal, as {@code complete} checks it: which parcel's
 * code of which kind opened which door, whether it was a grace re-open, and where it stands.
 */
final class JournaledOperation {
    final long id;
    final long reservationId;
    final CodeKind kind;
    final boolean grace;
    /** OPENING, WAITING, DONE, LEFT_OPEN or FAILED (db/schema.sql door_operations.state). */
    final String state;
    final Instant startedAt;

    JournaledOperation(long id, long reservationId, CodeKind kind, boolean grace, String state, Instant startedAt) {
        this.id = id;
        this.reservationId = reservationId;
        this.kind = kind;
        this.grace = grace;
        this.state = state;
        this.startedAt = startedAt;
    }

    /** The door never opened for it, so no code was used. */
    boolean failed() {
        return "FAILED".equals(state);
    }
}
