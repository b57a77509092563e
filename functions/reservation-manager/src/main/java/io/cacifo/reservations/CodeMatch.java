package io.cacifo.reservations;

/** validate's answer: the door a code opens, and whether it is a grace re-open that changes nothing. */
public final class CodeMatch {
    final long reservationId;
    final String externalId;
    final int doorId;
    final CodeKind kind;
    final ReservationStatus status;
    final boolean grace;

    CodeMatch(long reservationId, String externalId, int doorId, CodeKind kind, ReservationStatus status,
              boolean grace) {
        this.reservationId = reservationId;
        this.externalId = externalId;
        this.doorId = doorId;
        this.kind = kind;
        this.status = status;
        this.grace = grace;
    }

    public long reservationId() {
        return reservationId;
    }

    public int doorId() {
        return doorId;
    }

    public CodeKind kind() {
        return kind;
    }

    public ReservationStatus status() {
        return status;
    }

    public boolean grace() {
        return grace;
    }
}
