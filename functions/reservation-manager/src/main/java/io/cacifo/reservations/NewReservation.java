package io.cacifo.reservations;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * A parcel the back-end announces, as read from an insert. It holds the plain codes only until
 * {@link Reservations#insert} hashes them; it has no toString so they cannot reach a log by accident.
 */
public final class NewReservation {
    final String externalId;
    final int doorId;
    final long userId;
    final Instant expiresAt;
    final Map<CodeKind, String> codes;

    /** @param expiresAt null for a parcel that never expires */
    public NewReservation(String externalId, int doorId, long userId, Instant expiresAt, Map<CodeKind, String> codes) {
        this.externalId = externalId;
        this.doorId = doorId;
        this.userId = userId;
        this.expiresAt = expiresAt;
        this.codes = new EnumMap<>(codes);
    }
}
