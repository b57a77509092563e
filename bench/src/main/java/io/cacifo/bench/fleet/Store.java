package io.cacifo.bench.fleet;

/** The three ways the bench's central side ingests the fleet (docs/fleet.md "Method"). */
public enum Store {
    /** The central Prometheus of prometheus-federate.yml scrapes every locker's /federate. */
    FEDERATION("federation → Prometheus", "prometheus_tsdb_head_samples_appended_total", ""),
    /** An agent pushes every locker's series by remote write to a Prometheus with the receiver on. */
    REMOTE_WRITE_PROMETHEUS("remote write → Prometheus", "prometheus_tsdb_head_samples_appended_total", ""),
    /** The same agent pushes to Debian's victoria-metrics; vmalert evaluates the rules. */
    REMOTE_WRITE_VICTORIA("remote write → VictoriaMetrics", "vm_rows_inserted_total", "type=\"promremotewrite\"");

    private final String title;
    private final String ingestCounter;
    private final String ingestFilter;

    Store(String title, String ingestCounter, String ingestFilter) {
        this.title = title;
        this.ingestCounter = ingestCounter;
        this.ingestFilter = ingestFilter;
    }

    public String title() {
        return title;
    }

    /** The store's own counter of samples it took in (from its /metrics), and the label filter on it. */
    public String ingestCounter() {
        return ingestCounter;
    }

    public String ingestFilter() {
        return ingestFilter;
    }

    public boolean pushed() {
        return this != FEDERATION;
    }
}
