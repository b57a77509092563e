package io.cacifo.reservations;

import java.time.Instant;

/** A code row with its parcel, read in one statement together with the database's clock. */
final class CodeLookup {
    final StoredCode code;
    final ReservationState reservation;
    final Instant now;

    CodeLookup(StoredCode code, ReservationState reservation, Instant now) {
        this.code = code;
        this.reservation = reservation;
        this.now = now;
    }
}
