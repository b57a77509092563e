package io.cacifo.controller;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the outbox to the back-end: pending events in sequence order, in batches of up to 100,
 * each accepted event marked delivered, the others retried later with backoff. One flush at a time
 * per JVM, so two flushes never send the same batch at once.
 *
 * <p>After an outage the back-end is not flooded: while the oldest event backs off nothing is sent
 * (one batch probes when it is due), and a flush sends at most {@link #MAX_BATCHES_PER_FLUSH}
 * batches, so a backlog drains at about 2,000 events per flush interval (5 s) and cron call.
 */
final class OutboxSender {
    private static final Logger LOG = Logger.getLogger(OutboxSender.class.getName());
    static final int BATCH_SIZE = 100;
    /** A flush ends after this many full batches: a huge backlog neither holds the lock long nor floods the back-end. */
    static final int MAX_BATCHES_PER_FLUSH = 20;
    /** Each backoff pause is its full length times a random factor from here to 1. */
    static final double MIN_JITTER = 0.8;

    private final OutboxEventDao events;
    private final BackendClient backend;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    OutboxSender(OutboxEventDao events, BackendClient backend) {
        this.events = events;
        this.backend = backend;
    }

    /**
     * Sends what is due and reports the counts. Failure behaviour: the back-end's failures are
     * recorded on the events (attempts, next_attempt_at, last_error) and counted as failed, never
     * thrown; the database unreachable throws {@link SQLException}; a locker not set up to send
     * throws {@link IllegalStateException}.
     */
    FlushResult flush() throws SQLException {
        oneAtATime.lock();
        try {
            events.deleteDeliveredBefore24Hours();
            long delivered = 0;
            long failed = 0;
            for (int round = 0; round < MAX_BATCHES_PER_FLUSH; round++) {
                List<OutboxEvent> batch = events.listDueBatch(BATCH_SIZE);
                if (batch.isEmpty()) {
                    break;
                }
                List<String> ids = new ArrayList<>();
                batch.forEach(event -> ids.add(event.eventId));
                List<String> accepted;
                try {
                    accepted = backend.send(batch);
                } catch (BackendException e) {
                    events.markFailed(ids, e.getMessage(), jitter());
                    failed += ids.size();
                    ControllerMetrics.FAILED.inc(ids.size());
                    LOG.warning("[controller] outbox: " + ids.size() + " events from sequence " + batch.get(0).sequence
                            + " not delivered: " + e.getMessage());
                    break;
                }
                Set<String> taken = new HashSet<>(accepted);
                List<String> delivering = new ArrayList<>();
                List<String> refused = new ArrayList<>();
                for (String id : ids) {
                    (taken.contains(id) ? delivering : refused).add(id);
                }
                events.markDelivered(delivering);
                delivered += delivering.size();
                ControllerMetrics.SENT.inc(delivering.size());
                if (!refused.isEmpty()) {
                    events.markFailed(refused, "not accepted by the back-end", jitter());
                    failed += refused.size();
                    ControllerMetrics.FAILED.inc(refused.size());
                    LOG.warning("[controller] outbox: the back-end did not accept " + refused.size() + " of " + ids.size()
                            + " events; they will be retried");
                    break;
                }
                if (batch.size() < BATCH_SIZE) {
                    break;
                }
            }
            return new FlushResult(delivered, events.countPending(), failed);
        } finally {
            oneAtATime.unlock();
        }
    }

    private static double jitter() {
        return ThreadLocalRandom.current().nextDouble(MIN_JITTER, 1.0);
    }

    /** A flush whose failures are logged, for background callers that have no one to answer. */
    void flushQuietly(String reason) {
        try {
            flush();
        } catch (SQLException e) {
            // The timer retries every few seconds while MariaDB is down: one line each time, not a stack trace.
            LOG.warning("[controller] outbox flush (" + reason + ") failed: database: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "[controller] outbox flush (" + reason + ") failed", e);
        }
    }
}
