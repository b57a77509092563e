package io.cacifo.controller;

import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.GatewayClient;
import io.cacifo.kit.http.GatewayReply;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What the controller does about a door door-io says did not open ({@code door_jammed}): tell
 * door-manager ({@code report_fault}: the door goes OUT_OF_SERVICE and the back-end hears of it) and,
 * for a parcel still to be deposited, ask reservation-manager for another door ({@code move}). Both
 * calls are idempotent on their side, so a retry after a lost answer does no harm. Neither failing
 * stops the screen's answer: the jammed door is reported again the next time it is tried.
 */
final class JammedDoors {
    /** The reason the locker gives door-manager and reservation-manager (docs/api.md). */
    static final String JAMMED = "jammed";
    private static final Logger LOG = Logger.getLogger(JammedDoors.class.getName());

    private final GatewayClient gateway;

    JammedDoors(GatewayClient gateway) {
        this.gateway = gateway;
    }

    /** door-manager {@code report_fault} for the door operation that found it; a failure is logged only. */
    void report(int doorId, long operationId, String where) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("door_id", doorId);
        body.put("reason", JAMMED);
        body.put("operation_id", operationId);
        ask("door-manager", "report_fault", body, where);
    }

    /**
     * reservation-manager {@code move}: the door the parcel now has, other than {@code fromDoorId};
     * empty when there is none (409 {@code no_free_door}, a parcel no longer arriving) or
     * reservation-manager cannot say.
     */
    Optional<Integer> move(long reservationId, int fromDoorId, String where) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reservation_id", reservationId);
        body.put("from_door_id", fromDoorId);
        body.put("reason", JAMMED);
        try {
            return ask("reservation-manager", "move", body, where)
                    .map(reply -> (int) reply.fields().integer("door_id", 1, 9999))
                    .filter(doorId -> doorId != fromDoorId);
        } catch (ApiException unreadable) {
            LOG.warning(where + ": reservation-manager move answered what cannot be read: " + unreadable.getMessage());
            return Optional.empty();
        }
    }

    /** A successful answer, or empty (logged with {@code where}) when the call failed or was refused. */
    private Optional<GatewayReply> ask(String function, String action, Map<String, Object> body, String where) {
        try {
            GatewayReply reply = gateway.callIdempotent(function, action, body);
            if (reply.isSuccess()) {
                return Optional.of(reply);
            }
            LOG.warning(where + ": " + function + " " + action + " answered HTTP " + reply.status() + " " + reply.error());
        } catch (ApiException e) {
            LOG.warning(where + ": " + function + " " + action + " failed: " + e.error() + ": " + e.getMessage());
        }
        return Optional.empty();
    }
}
