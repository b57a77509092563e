package io.cacifo.reservations;

import java.time.Instant;

/**
 * A parcel as stored and as replied (snake_case on the wire). Its codes appear only as when each
 * was used: neither a code nor its hash ever leaves the function.
 */
public final class Reservation {
    final long id;
    final String externalId;
    final ReservationStatus status;
    final long userId;
    final int doorId;
    final Instant createdAt;
    final Instant updatedAt;
    final Instant depositedAt;
    final Instant pickedUpAt;
    final Instant expiresAt;
    final int version;
    final Codes codes;

    Reservation(long id, String externalId, ReservationStatus status, long userId, int doorId, Instant createdAt,
                Instant updatedAt, Instant depositedAt, Instant pickedUpAt, Instant expiresAt, int version,
                Codes codes) {
        this.id = id;
        this.externalId = externalId;
        this.status = status;
        this.userId = userId;
        this.doorId = doorId;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.depositedAt = depositedAt;
        this.pickedUpAt = pickedUpAt;
        this.expiresAt = expiresAt;
        this.version = version;
        this.codes = codes;
    }

    /** The {@code codes} object: {"deposit": {"used_at"}, "pickup": {...}, "backup": {...}}. */
    static final class Codes {
        final CodeUse deposit;
        final CodeUse pickup;
        final CodeUse backup;

        Codes(Instant depositUsedAt, Instant pickupUsedAt, Instant backupUsedAt) {
            this.deposit = new CodeUse(depositUsedAt);
            this.pickup = new CodeUse(pickupUsedAt);
            this.backup = new CodeUse(backupUsedAt);
        }
    }

    static final class CodeUse {
        final Instant usedAt;

        CodeUse(Instant usedAt) {
            this.usedAt = usedAt;
        }
    }
}
