package io.cacifo.devstack.backend;

import com.google.gson.JsonObject;

import java.time.Instant;

/**
 * One alert of an Alertmanager webhook notification, as the back-end stand-in's page shows it:
 * {@code status} (firing or resolved), the {@code alertname}, {@code locker} and {@code severity}
 * labels, the {@code summary} annotation, Alertmanager's {@code startsAt}, and when it arrived. A
 * label or annotation the alert lacks is empty.
 */
public final class ReceivedAlert {
    private final String status;
    private final String alertname;
    private final String locker;
    private final String severity;
    private final String summary;
    private final String startsAt;
    private final Instant receivedAt;

    public ReceivedAlert(String status, String alertname, String locker, String severity, String summary,
                         String startsAt, Instant receivedAt) {
        this.status = status;
        this.alertname = alertname;
        this.locker = locker;
        this.severity = severity;
        this.summary = summary;
        this.startsAt = startsAt;
        this.receivedAt = receivedAt;
    }

    /** {@code firing} or {@code resolved}. */
    public String status() {
        return status;
    }

    public String alertname() {
        return alertname;
    }

    public String locker() {
        return locker;
    }

    /** {@code page} or {@code ticket} (prometheus/alerts.yml). */
    public String severity() {
        return severity;
    }

    public String summary() {
        return summary;
    }

    /** When the alert began firing, as Alertmanager wrote it (RFC 3339). */
    public String startsAt() {
        return startsAt;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** For GET /alerts. */
    JsonObject describe() {
        JsonObject out = new JsonObject();
        out.addProperty("status", status);
        out.addProperty("alertname", alertname);
        out.addProperty("locker", locker);
        out.addProperty("severity", severity);
        out.addProperty("summary", summary);
        out.addProperty("starts_at", startsAt);
        out.addProperty("received_at", receivedAt.toString());
        return out;
    }

    @Override
    public String toString() {
        return status + " " + alertname + " " + locker + " (" + summary + ")";
    }
}
