package io.cacifo.controller;

/** What one outbox flush did: events delivered, events whose attempt failed, and events still waiting. */
final class FlushResult {
    final long delivered;
    final long pending;
    final long failed;

    FlushResult(long delivered, long pending, long failed) {
        this.delivered = delivered;
        this.pending = pending;
        this.failed = failed;
    }
}
