package io.cacifo.devstack.prometheus;

import java.util.Map;

/**
 * How the devstack's locker Prometheus reaches its central store (DEVSTACK_CENTRAL). The central
 * address is the same in every mode (DEVSTACK_CENTRAL_PROM_PORT), so the dashboard and the tests
 * read it the same way; docs/observability.md, "Push path (remote write)", has the production side.
 */
public enum CentralMode {
    /** A central Prometheus scrapes the locker's /federate (prometheus-federate.yml); the default. */
    FEDERATE("federate", "federates the locker one"),
    /**
     * The locker Prometheus remote_writes (prometheus/locker-remote-write.yml) to a central Prometheus
     * started with --web.enable-remote-write-receiver (prometheus/central-remote-write.yml).
     */
    REMOTE_WRITE("remote-write", "a Prometheus the locker one remote_writes to"),
    /** The locker Prometheus remote_writes to Debian's victoria-metrics; vmalert evaluates the rules. */
    VICTORIA_METRICS("victoria-metrics", "VictoriaMetrics the locker Prometheus remote_writes to, rules by vmalert");

    public static final String VARIABLE = "DEVSTACK_CENTRAL";

    private final String value;
    private final String description;

    CentralMode(String value, String description) {
        this.value = value;
        this.description = description;
    }

    /** DEVSTACK_CENTRAL's value: federate when unset or blank; throws naming the variable for anything else. */
    public static CentralMode from(Map<String, String> env) {
        String raw = env.getOrDefault(VARIABLE, "").trim();
        if (raw.isEmpty()) {
            return FEDERATE;
        }
        for (CentralMode mode : values()) {
            if (mode.value.equalsIgnoreCase(raw)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(VARIABLE + " must be federate, remote-write or victoria-metrics, got '" + raw + "'");
    }

    /** Whether the locker Prometheus pushes (remote_write) instead of being scraped. */
    public boolean pushes() {
        return this != FEDERATE;
    }

    /** The value DEVSTACK_CENTRAL takes for this mode. */
    public String value() {
        return value;
    }

    /** What the central store is in this mode, for the start-up summary. */
    public String description() {
        return description;
    }
}
