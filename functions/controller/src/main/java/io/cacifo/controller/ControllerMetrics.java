package io.cacifo.controller;

import io.cacifo.kit.doors.DoorOperationDao;
import io.cacifo.kit.metrics.DbGauges;
import io.prometheus.metrics.core.metrics.Counter;

import java.sql.SQLException;

/**
 * The controller's series at {@code /metrics} (docs/observability.md, "The metrics"): the outbox
 * backlog and its oldest event's age, the door operations not finished yet, and the events sent and
 * failed since the JVM started. Counts and ages only: no event, parcel or code.
 */
final class ControllerMetrics implements DbGauges.Reading {
    /** Events the back-end accepted; counted by {@link OutboxSender}. Registered once per JVM. */
    static final Counter SENT = Counter.builder().name("cacifo_outbox_events_sent")
            .help("Outbox events the back-end accepted").register();
    /** Events whose delivery attempt failed (the back-end unreachable, refusing, or not accepting them). */
    static final Counter FAILED = Counter.builder().name("cacifo_outbox_events_failed")
            .help("Outbox event delivery attempts that failed").register();

    private final OutboxEventDao events;
    private final DoorOperationDao operations;

    ControllerMetrics(OutboxEventDao events, DoorOperationDao operations) {
        this.events = events;
        this.operations = operations;
    }

    @Override
    public void read(DbGauges.Gauges out) throws SQLException {
        long pending = events.countPending();
        double oldest = events.oldestPendingAgeSeconds();
        long unfinished = operations.countUnfinished();
        out.set("cacifo_outbox_pending", "Outbox events not delivered to the back-end yet", pending);
        out.set("cacifo_outbox_oldest_pending_age_seconds",
                "Age (database clock) of the oldest undelivered outbox event, 0 when none", oldest);
        out.set("cacifo_door_operations_unfinished", "Door operations still OPENING or WAITING", unfinished);
    }
}
