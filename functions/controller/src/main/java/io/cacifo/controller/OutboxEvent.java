package io.cacifo.controller;

import com.google.gson.JsonElement;

import java.time.Instant;

/** A pending outbox row, written as the back-end expects it (snake_case, payload as an object). */
final class OutboxEvent {
    /** Orders delivery; not sent, the back-end orders by {@code created_at} and dedupes by {@code event_id}. */
    final transient long sequence;
    final String eventId;
    final String type;
    final Long reservationId;
    final Integer doorId;
    final JsonElement payload;
    final Instant createdAt;

    OutboxEvent(long sequence, String eventId, String type, Long reservationId, Integer doorId, JsonElement payload,
                Instant createdAt) {
        this.sequence = sequence;
        this.eventId = eventId;
        this.type = type;
        this.reservationId = reservationId;
        this.doorId = doorId;
        this.payload = payload;
        this.createdAt = createdAt;
    }
}
