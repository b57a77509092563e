package io.cacifo.doors;

import io.cacifo.kit.doors.DoorOperationDao;
import io.cacifo.kit.metrics.DbGauges;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * door-manager's series at {@code /metrics} (docs/observability.md, "The metrics"): doors by state,
 * out-of-service doors by reason and the open door alarms, the same counts {@code occupancy} answers.
 * Counts only: no door number, parcel or code.
 */
final class DoorMetrics implements DbGauges.Reading {
    private final DoorDao doors;
    private final DoorOperationDao operations;
    private final Duration closeTimeout;

    DoorMetrics(DoorDao doors, DoorOperationDao operations, Duration closeTimeout) {
        this.doors = doors;
        this.operations = operations;
        this.closeTimeout = closeTimeout;
    }

    @Override
    public void read(DbGauges.Gauges out) throws SQLException {
        Map<String, Long> byState = new LinkedHashMap<>();
        doors.countByState().forEach((state, count) -> byState.put(state.name().toLowerCase(Locale.ROOT), count));
        Map<String, Long> reasons = doors.countOutOfServiceByReason();
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (String reason : new String[] {OutOfService.JAMMED, OutOfService.OPERATOR}) {
            byReason.put(reason, reasons.getOrDefault(reason, 0L));
        }
        long alarms = operations.countOpenAlarms(closeTimeout);
        out.setEach("cacifo_doors", "Doors by state", "state", byState);
        out.setEach("cacifo_doors_out_of_service", "Out-of-service doors by reason: jammed (the locker's finding)"
                + " or operator (the back-end's set_state)", "reason", byReason);
        out.set("cacifo_door_alarms_open", "Door operations that need a person, as occupancy's open_alarms", alarms);
    }
}
