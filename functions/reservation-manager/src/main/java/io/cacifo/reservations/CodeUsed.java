package io.cacifo.reservations;

/** disable's answer: the parcel's status after the code's use and the outbox event that reports it. */
public final class CodeUsed {
    final long reservationId;
    final int doorId;
    final CodeKind kind;
    final ReservationStatus status;
    final String eventId;

    CodeUsed(long reservationId, int doorId, CodeKind kind, ReservationStatus status, String eventId) {
        this.reservationId = reservationId;
        this.doorId = doorId;
        this.kind = kind;
        this.status = status;
        this.eventId = eventId;
    }

    public long reservationId() {
        return reservationId;
    }

    public ReservationStatus status() {
        return status;
    }

    public String eventId() {
        return eventId;
    }
}
