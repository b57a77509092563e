package io.cacifo.reservations;

import java.time.Instant;

/** What an update asks to change; a null field stays as it is. */
public final class ReservationChange {
    final long id;
    final Instant expiresAt;
    final Long userId;
    final Integer doorId;
    final ReservationStatus status;

    public ReservationChange(long id, Instant expiresAt, Long userId, Integer doorId, ReservationStatus status) {
        this.id = id;
        this.expiresAt = expiresAt;
        this.userId = userId;
        this.doorId = doorId;
        this.status = status;
    }

    boolean isEmpty() {
        return expiresAt == null && userId == null && doorId == null && status == null;
    }
}
