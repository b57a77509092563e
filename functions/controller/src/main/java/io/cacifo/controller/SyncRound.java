package io.cacifo.controller;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One round of the controller's housekeeping: reconcile the door journal, apply the parcels' pick-up
 * deadlines when a sweep is due ({@link DeadlineSweep}, whose failure stops nothing), then send what
 * is due (the events of the operations just finished and of the sweep included). The background timer, faasd's cron-connector
 * and any caller of {@code sync} share it, one round at a time per JVM; a round asked for while
 * another runs is skipped, not queued. So a flood of {@code sync} holds at most one handler thread
 * and one database connection, and {@code enter} keeps the rest.
 */
final class SyncRound {
    private final DoorReconciler reconciler;
    private final DeadlineSweep deadlines;
    private final OutboxSender sender;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    SyncRound(DoorReconciler reconciler, DeadlineSweep deadlines, OutboxSender sender) {
        this.reconciler = reconciler;
        this.deadlines = deadlines;
        this.sender = sender;
    }

    /** What one round did. */
    static final class Done {
        final int reconciled;
        final FlushResult flushed;

        Done(int reconciled, FlushResult flushed) {
            this.reconciled = reconciled;
            this.flushed = flushed;
        }
    }

    /**
     * Runs a round unless one is running; empty when it was. Failure behaviour: the database
     * unreachable throws {@link SQLException}; a locker not set up to send events throws
     * {@link IllegalStateException} (the reconciliation is done by then).
     */
    Optional<Done> runIfIdle() throws SQLException {
        if (!oneAtATime.tryLock()) {
            return Optional.empty();
        }
        try {
            int reconciled = reconciler.reconcile();
            deadlines.runIfDue();
            return Optional.of(new Done(reconciled, sender.flush()));
        } finally {
            oneAtATime.unlock();
        }
    }

    /** A round whose failures are logged, for the timer, which has no one to answer. */
    void runQuietly() {
        if (!oneAtATime.tryLock()) {
            return;
        }
        try {
            reconciler.reconcileQuietly();
            deadlines.runIfDue();
            sender.flushQuietly("scheduled");
        } finally {
            oneAtATime.unlock();
        }
    }
}
