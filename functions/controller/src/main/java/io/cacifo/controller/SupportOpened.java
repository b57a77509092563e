package io.cacifo.controller;

import io.cacifo.kit.doors.DoorOperationDao;
import io.cacifo.kit.doors.SupportRequest;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A door the back-end's support opened ({@code support_open}): no code; the parcel behind the door
 * when it was asked (or none), and what support asked for. Its opening writes
 * {@code door.support_opened}; once the door is closed, a mark goes to reservation-manager's
 * {@code support_mark}, and without one nothing moves.
 */
final class SupportOpened implements JournaledOpening {
    private final int doorId;
    private final Long reservationId;
    private final SupportRequest request;

    SupportOpened(int doorId, Long reservationId, SupportRequest request) {
        this.doorId = doorId;
        this.reservationId = reservationId;
        this.request = request;
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
        return SupportRequest.KIND;
    }

    @Override
    public void markOpened(DoorOperationDao operations, long operationId) throws SQLException {
        operations.markSupportOpened(operationId);
    }

    @Override
    public Optional<ParcelCall> parcelCall(long operationId, boolean reconciled) {
        if (request.mark == null || reservationId == null) {
            return Optional.empty();
        }
        // support_mark is idempotent too, and a reconciliation changes nothing in its event: the ticket says who.
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reservation_id", reservationId);
        body.put("status", request.mark);
        body.put("operation_id", operationId);
        body.put("ticket", request.ticket);
        return Optional.of(new ParcelCall("support_mark", body));
    }

    @Override
    public String where(long operationId) {
        return "[controller] door " + doorId + " support ticket " + request.ticket
                + (reservationId == null ? "" : " reservation " + reservationId) + " operation " + operationId;
    }
}
