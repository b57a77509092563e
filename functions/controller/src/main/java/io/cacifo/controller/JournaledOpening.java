package io.cacifo.controller;

import io.cacifo.kit.doors.DoorOperation;
import io.cacifo.kit.doors.DoorOperationDao;

import java.sql.SQLException;
import java.util.Optional;

/**
 * A journaled door opening as {@link DoorWorkflow}, {@link DoorFollowUp}, {@link OperationFinisher}
 * and {@link DoorReconciler} carry it to its end, whatever opened the door: a typed code
 * ({@link ValidatedCode}) or the back-end's support ({@link SupportOpened}). Each says how its
 * opening is journaled (and reported) and what reservation-manager is told once the door was open.
 */
interface JournaledOpening {
    int doorId();

    /** The parcel, or null for a support opening of a door with nothing behind it. */
    Long reservationId();

    /** The journal's code_kind. */
    String kind();

    /** The door is open: OPENING becomes WAITING, with the event this kind of opening writes then (if any). */
    void markOpened(DoorOperationDao operations, long operationId) throws SQLException;

    /** The reservation-manager call that moves the parcel on after the door, or empty when nothing moves. */
    Optional<ParcelCall> parcelCall(long operationId, boolean reconciled);

    /** The log prefix naming the door, the parcel (or ticket) and the operation. */
    String where(long operationId);

    /** The opening a journal row records, for a reconciliation: the code is never kept, the row says all. */
    static JournaledOpening of(DoorOperation operation) {
        if (operation.support != null) {
            return new SupportOpened(operation.doorId, operation.reservationId, operation.support);
        }
        return new ValidatedCode(operation.reservationId, operation.doorId, CodeKind.valueOf(operation.kind), operation.grace);
    }
}
