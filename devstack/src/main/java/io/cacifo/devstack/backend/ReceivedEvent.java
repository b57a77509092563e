package io.cacifo.devstack.backend;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.time.Instant;

/** One event the stand-in back-end accepted, as the locker sent it. */
public final class ReceivedEvent {
    private final String lockerId;
    private final JsonObject event;
    private final Instant receivedAt;

    public ReceivedEvent(String lockerId, JsonObject event, Instant receivedAt) {
        this.lockerId = lockerId;
        this.event = event.deepCopy();
        this.receivedAt = receivedAt;
    }

    public String lockerId() {
        return lockerId;
    }

    public String eventId() {
        return event.get("event_id").getAsString();
    }

    /** e.g. {@code parcel.deposited}; empty when the locker sent none. */
    public String type() {
        return text("type");
    }

    /** A top-level field of the event as text (numbers included); empty when absent or null. */
    public String text(String field) {
        JsonElement value = event.get(field);
        return value == null || value.isJsonNull() ? "" : value.isJsonPrimitive() ? value.getAsString() : value.toString();
    }

    /** The event as sent (a copy). */
    public JsonObject json() {
        return event.deepCopy();
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** The event as sent plus {@code locker_id} and {@code received_at}, for GET /events. */
    JsonObject describe() {
        JsonObject out = event.deepCopy();
        out.addProperty("locker_id", lockerId);
        out.addProperty("received_at", receivedAt.toString());
        return out;
    }
}
