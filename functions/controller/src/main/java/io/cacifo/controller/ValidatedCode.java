package io.cacifo.controller;

import io.cacifo.kit.doors.DoorOperationDao;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What reservation-manager's {@code validate} says a code opens. Never holds the code itself: once
 * its door was open, the parcel moves on by reservation-manager {@code complete} (by parcel, kind
 * and operation), except after a grace re-open, which uses no code.
 */
final class ValidatedCode implements JournaledOpening {
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

    @Override
    public int doorId() {
        return doorId;
    }

    @Override
    public Long reservationId() {
        return reservationId;
    }

    @Override
    public String kind() {
        return kind.name();
    }

    @Override
    public void markOpened(DoorOperationDao operations, long operationId) throws SQLException {
        operations.markOpened(operationId, grace);
    }

    @Override
    public Optional<ParcelCall> parcelCall(long operationId, boolean reconciled) {
        if (grace) {
            return Optional.empty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reservation_id", reservationId);
        body.put("kind", kind);
        body.put("operation_id", operationId);
        if (reconciled) {
            body.put("reconciled", true);
        }
        return Optional.of(new ParcelCall("complete", body));
    }

    @Override
    public String where(long operationId) {
        return "[controller] door " + doorId + " reservation " + reservationId + " operation " + operationId;
    }
}
