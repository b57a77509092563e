package io.cacifo.kit.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * A function's own tables as gauges, read from the database when Prometheus scrapes (no cache, no
 * timer), plus {@code cacifo_db_up}. All of a function's reads form one scrape: when any of them
 * fails, {@code cacifo_db_up} is 0 and none of the DB gauges is written, because a missing series
 * means "unknown" to Prometheus while a 0 would claim "none". The scrape is bounded by the kit's DB
 * timeouts ({@code db_connect_timeout_ms}: the pool gives up on a borrow after it).
 *
 * <p>Failure behaviour: {@link #collect} never throws for the database (the scrape still answers
 * 200 with {@code cacifo_db_up 0}); the cause is logged in one line without values.
 */
public final class DbGauges implements MultiCollector {
    private static final Logger LOG = Logger.getLogger(DbGauges.class.getName());
    static final String DB_UP = "cacifo_db_up";

    /** Reads the function's tables and writes its gauges; throws when the database did not answer. */
    @FunctionalInterface
    public interface Reading {
        void read(Gauges out) throws SQLException;
    }

    private final String function;
    private final Reading reading;

    public DbGauges(String function, Reading reading) {
        this.function = function;
        this.reading = reading;
    }

    @Override
    public MetricSnapshots collect() {
        Gauges gauges = new Gauges();
        boolean up;
        try {
            reading.read(gauges);
            up = true;
        } catch (SQLException | RuntimeException e) {
            LOG.warning("[" + function + "] metrics: database not read: " + e.getClass().getSimpleName()
                    + ": " + e.getMessage());
            up = false;
        }
        List<MetricSnapshot> out = new ArrayList<>(up ? gauges.snapshots : List.of());
        out.add(Gauges.gauge(DB_UP, "1 when this function's database answered the scrape's queries, 0 when not",
                Labels.EMPTY, up ? 1 : 0));
        return new MetricSnapshots(out);
    }

    /** The gauges one scrape writes, each series once. */
    public static final class Gauges {
        private final List<MetricSnapshot> snapshots = new ArrayList<>();

        Gauges() {
        }

        /** One series without labels. */
        public void set(String name, String help, double value) {
            snapshots.add(gauge(name, help, Labels.EMPTY, value));
        }

        /** One series per value of {@code label}, in the order given; write every value, 0 included. */
        public void setEach(String name, String help, String label, java.util.Map<String, ? extends Number> values) {
            GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
            values.forEach((value, number) -> gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of(label, value)).value(number.doubleValue()).build()));
            snapshots.add(gauge.build());
        }

        static GaugeSnapshot gauge(String name, String help, Labels labels, double value) {
            return GaugeSnapshot.builder().name(name).help(help)
                    .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build())
                    .build();
        }
    }
}
