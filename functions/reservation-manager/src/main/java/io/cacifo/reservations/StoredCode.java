package io.cacifo.reservations;

import java.time.Instant;

/** A reservation_codes row: whose code it is, which kind, and when it was used (null: never). */
final class StoredCode {
    final long reservationId;
    final CodeKind kind;
    final Instant usedAt;

    StoredCode(long reservationId, CodeKind kind, Instant usedAt) {
        this.reservationId = reservationId;
        this.kind = kind;
        this.usedAt = usedAt;
    }
}
