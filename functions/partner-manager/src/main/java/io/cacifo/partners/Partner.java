package io.cacifo.partners;

import java.time.Instant;

/** A partner (a retailer that owns doors) as stored and as replied (snake_case on the wire). */
public final class Partner {
    final long id;
    final String name;
    final String contactEmail;
    final Instant createdAt;
    final Instant updatedAt;

    Partner(long id, String name, String contactEmail, Instant createdAt, Instant updatedAt) {
        this.id = id;
        this.name = name;
        this.contactEmail = contactEmail;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }
}
