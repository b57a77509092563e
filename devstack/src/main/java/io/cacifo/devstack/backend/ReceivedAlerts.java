package io.cacifo.devstack.backend;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Json;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The alerts Alertmanager's webhook delivered (prometheus/alertmanager.yml's receiver, pointed here
 * by the devstack), in arrival order; only the newest {@link #KEPT} are kept, so a demo left running
 * for days holds a bounded list. Every notification is stored as it came: a repeat of a firing alert
 * (Alertmanager's repeat_interval) is listed again, as a pager would ring again.
 */
public final class ReceivedAlerts {
    /** Far more than a demo raises in a day, small enough for the page. */
    static final int KEPT = 500;
    private final Clock clock;
    private final List<ReceivedAlert> alerts = new ArrayList<>();

    public ReceivedAlerts(Clock clock) {
        this.clock = clock;
    }

    /**
     * Reads one webhook body (Alertmanager's version 4 JSON: {@code {"status", "alerts": [{"status",
     * "labels", "annotations", "startsAt", ...}]}}) whole before storing any of it; returns how many
     * alerts it held. Throws {@link ApiException} 400 naming what is wrong.
     */
    public int accept(String body) {
        JsonElement root = Json.parse(body.isBlank() ? "{}" : body);
        if (!root.isJsonObject()) {
            throw ApiException.badRequest("malformed_json", "the body must be a JSON object");
        }
        JsonElement list = root.getAsJsonObject().get("alerts");
        if (list == null || !list.isJsonArray()) {
            throw ApiException.badRequest("missing_field", "alerts must be a list");
        }
        List<ReceivedAlert> batch = new ArrayList<>();
        for (JsonElement item : list.getAsJsonArray()) {
            if (!item.isJsonObject()) {
                throw ApiException.badRequest("invalid_field", "every alert must be an object");
            }
            JsonObject alert = item.getAsJsonObject();
            String status = text(alert, "status");
            if (!status.equals("firing") && !status.equals("resolved")) {
                throw ApiException.badRequest("invalid_field", "an alert's status must be firing or resolved");
            }
            JsonObject labels = object(alert, "labels");
            if (text(labels, "alertname").isEmpty()) {
                throw ApiException.badRequest("missing_field", "every alert needs the alertname label");
            }
            batch.add(new ReceivedAlert(status, text(labels, "alertname"), text(labels, "locker"), text(labels, "severity"),
                    text(object(alert, "annotations"), "summary"), text(alert, "startsAt"), clock.instant()));
        }
        synchronized (this) {
            alerts.addAll(batch);
            if (alerts.size() > KEPT) {
                alerts.subList(0, alerts.size() - KEPT).clear();
            }
        }
        return batch.size();
    }

    /** Oldest first. */
    public synchronized List<ReceivedAlert> all() {
        return new ArrayList<>(alerts);
    }

    private static JsonObject object(JsonObject parent, String field) {
        JsonElement value = parent.get(field);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
    }

    private static String text(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : "";
    }
}
