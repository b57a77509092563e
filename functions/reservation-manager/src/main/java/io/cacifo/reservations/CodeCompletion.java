package io.cacifo.reservations;

/**
 * complete's answer: the parcel's status after the journaled door operation, and whether this call
 * used the code ({@code applied}, with the event that reports it) or found it used already.
 */
public final class CodeCompletion {
    final long reservationId;
    final int doorId;
    final CodeKind kind;
    final ReservationStatus status;
    final boolean applied;
    final String eventId;

    CodeCompletion(long reservationId, int doorId, CodeKind kind, ReservationStatus status, boolean applied,
                   String eventId) {
        this.reservationId = reservationId;
        this.doorId = doorId;
        this.kind = kind;
        this.status = status;
        this.applied = applied;
        this.eventId = eventId;
    }

    public boolean applied() {
        return applied;
    }

    public ReservationStatus status() {
        return status;
    }

    public String eventId() {
        return eventId;
    }
}
