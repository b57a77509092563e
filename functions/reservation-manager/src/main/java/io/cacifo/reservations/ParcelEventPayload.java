package io.cacifo.reservations;

import java.util.LinkedHashMap;
import java.util.Map;

/** How every parcel event's payload starts (docs/api.md, "Back-end events"); each writer adds its own fields after. */
final class ParcelEventPayload {
    private ParcelEventPayload() {
    }

    /** {@code external_id}, {@code status} and, unless {@code previous} is null, {@code previous_status}. */
    static Map<String, Object> start(String externalId, ReservationStatus status, ReservationStatus previous) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("external_id", externalId);
        payload.put("status", status.name());
        if (previous != null) {
            payload.put("previous_status", previous.name());
        }
        return payload;
    }
}
