package io.cacifo.reservations;

import java.time.Instant;

/** The parts of a locked reservation row that decide what an update or a code may do to it. */
final class ReservationState {
    final long id;
    final String externalId;
    final ReservationStatus status;
    final int doorId;
    final Instant expiresAt;
    final int version;

    ReservationState(long id, String externalId, ReservationStatus status, int doorId, Instant expiresAt, int version) {
        this.id = id;
        this.externalId = externalId;
        this.status = status;
        this.doorId = doorId;
        this.expiresAt = expiresAt;
        this.version = version;
    }
}
