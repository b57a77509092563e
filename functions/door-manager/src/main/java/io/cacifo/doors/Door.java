package io.cacifo.doors;

import java.time.Instant;

/** A door as stored and as replied (snake_case on the wire); its id is its number on the lock board. */
public final class Door {
    /** Lock-board door numbers run from 1 to 9999 (ck_doors_id in db/schema.sql). */
    public static final int MAX_ID = 9999;

    final int id;
    final DoorSize size;
    final Long partnerId;
    final DoorState state;
    /** Why it is OUT_OF_SERVICE ({@link OutOfService}), null while in service. */
    final String outOfServiceReason;
    final Instant createdAt;
    final Instant updatedAt;

    Door(int id, DoorSize size, Long partnerId, DoorState state, String outOfServiceReason, Instant createdAt,
         Instant updatedAt) {
        this.id = id;
        this.size = size;
        this.partnerId = partnerId;
        this.state = state;
        this.outOfServiceReason = outOfServiceReason;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }
}
