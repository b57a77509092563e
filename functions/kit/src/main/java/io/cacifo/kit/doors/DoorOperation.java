package io.cacifo.kit.doors;

import java.time.Duration;
import java.time.Instant;

/**
 * A row of the door-operations journal: which parcel's code of which kind opened (or was to open)
 * which door, whether it was a grace re-open, where it stands, and when it started, with its age by
 * the database's clock (the clock that stamped {@code started_at}) when it was read.
 */
public final class DoorOperation {
    public final long id;
    public final int doorId;
    public final long reservationId;
    /** The code's kind as the journal names it: DEPOSIT, PICKUP or BACKUP. */
    public final String kind;
    public final boolean grace;
    public final OperationState state;
    public final Instant startedAt;
    public final Duration age;

    DoorOperation(long id, int doorId, long reservationId, String kind, boolean grace, OperationState state,
                  Instant startedAt, Duration age) {
        this.id = id;
        this.doorId = doorId;
        this.reservationId = reservationId;
        this.kind = kind;
        this.grace = grace;
        this.state = state;
        this.startedAt = startedAt;
        this.age = age;
    }

    @Override
    public String toString() {
        return "door " + doorId + " reservation " + reservationId + " operation " + id + " (" + kind
                + (grace ? ", grace" : "") + ", " + state + ", " + age.toSeconds() + " s old)";
    }
}
