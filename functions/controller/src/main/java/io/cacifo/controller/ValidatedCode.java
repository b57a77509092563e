package io.cacifo.controller;

/** What reservation-manager's {@code validate} says a code opens. Never holds the code itself. */
final class ValidatedCode {
    final long reservationId;
    final int doorId;
    final CodeKind kind;
    final boolean grace;

    ValidatedCode(long reservationId, int doorId, CodeKind kind, boolean grace) {
        this.reservationId = reservationId;
        this.doorId = doorId;
        this.kind = kind;
        this.grace = grace;
    }
}
