package io.cacifo.devstack.backend;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /events}: {@code {"locker_id", "events": [{"event_id", "type", ...}]}}.
 * A batch is read whole before anything is stored, so a bad event refuses the batch, not half of it.
 */
final class EventBatch {
    final String lockerId;
    final List<JsonObject> events;

    private EventBatch(String lockerId, List<JsonObject> events) {
        this.lockerId = lockerId;
        this.events = events;
    }

    /** Throws {@link ApiException} 400 naming the field that is wrong. */
    static EventBatch parse(String body) {
        JsonElement root = Json.parse(body.isBlank() ? "{}" : body);
        if (!root.isJsonObject()) {
            throw ApiException.badRequest("malformed_json", "the body must be a JSON object");
        }
        JsonObject object = root.getAsJsonObject();
        String lockerId = text(object, "locker_id");
        if (lockerId == null) {
            throw ApiException.badRequest("missing_field", "locker_id is required");
        }
        JsonElement events = object.get("events");
        if (events == null || !events.isJsonArray()) {
            throw ApiException.badRequest("missing_field", "events must be a list");
        }
        List<JsonObject> batch = new ArrayList<>();
        for (JsonElement event : events.getAsJsonArray()) {
            if (!event.isJsonObject() || text(event.getAsJsonObject(), "event_id") == null) {
                throw ApiException.badRequest("invalid_field", "every event needs an event_id");
            }
            batch.add(event.getAsJsonObject());
        }
        return new EventBatch(lockerId, batch);
    }

    private static String text(JsonObject object, String field) {
        JsonElement value = object.get(field);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()
                || value.getAsString().isBlank()) {
            return null;
        }
        return value.getAsString();
    }
}
