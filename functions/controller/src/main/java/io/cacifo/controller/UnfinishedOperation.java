package io.cacifo.controller;

import java.time.Duration;

/** A journal row still OPENING or WAITING, with its age by the database's clock, for the reconciler. */
final class UnfinishedOperation {
    final long id;
    final int doorId;
    final long reservationId;
    final CodeKind kind;
    final boolean grace;
    final OperationState state;
    final Duration age;

    UnfinishedOperation(long id, int doorId, long reservationId, CodeKind kind, boolean grace, OperationState state,
                        Duration age) {
        this.id = id;
        this.doorId = doorId;
        this.reservationId = reservationId;
        this.kind = kind;
        this.grace = grace;
        this.state = state;
        this.age = age;
    }

    @Override
    public String toString() {
        return "door " + doorId + " reservation " + reservationId + " operation " + id + " (" + kind
                + (grace ? ", grace" : "") + ", " + state + ", " + age.toSeconds() + " s old)";
    }
}
