package io.cacifo.kit.doors;

import java.time.Duration;
import java.time.Instant;

/**
 * A row of the door-operations journal: which parcel's code of which kind opened (or was to open)
 * which door, whether it was a grace re-open, where it stands, and when it started, with its age by
 * the database's clock (the clock that stamped {@code started_at}) when it was read. A SUPPORT
 * operation (the back-end's remote opening) has no code: it carries what support asked for instead.
 */
public final class DoorOperation {
    public final long id;
    public final int doorId;
    /** The parcel; null only for a SUPPORT operation on a door with no parcel behind it. */
    public final Long reservationId;
    /** The code's kind as the journal names it: DEPOSIT, PICKUP or BACKUP; or SUPPORT ({@link SupportRequest#KIND}). */
    public final String kind;
    public final boolean grace;
    /** What support asked for; null unless {@link #kind} is SUPPORT. */
    public final SupportRequest support;
    public final OperationState state;
    public final Instant startedAt;
    public final Duration age;

    DoorOperation(long id, int doorId, Long reservationId, String kind, boolean grace, SupportRequest support,
                  OperationState state, Instant startedAt, Duration age) {
        this.id = id;
        this.doorId = doorId;
        this.reservationId = reservationId;
        this.kind = kind;
        this.grace = grace;
        this.support = support;
        this.state = state;
        this.startedAt = startedAt;
        this.age = age;
    }

    @Override
    public String toString() {
        return "door " + doorId + (reservationId == null ? " no parcel" : " reservation " + reservationId) + " operation " + id + " (" + kind
                + (grace ? ", grace" : "") + ", " + state + ", " + age.toSeconds() + " s old)";
    }
}
