package io.cacifo.doors;

import io.cacifo.kit.Services;
import io.cacifo.kit.config.Timeouts;
import io.cacifo.kit.db.Db;
import io.cacifo.kit.doors.DoorOperationDao;
import io.cacifo.kit.http.ActionRouter;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.Call;
import io.cacifo.kit.http.Reply;
import io.cacifo.kit.http.SqlRefusal;
import io.cacifo.kit.json.Body;
import io.cacifo.kit.metrics.DbGauges;
import io.cacifo.kit.metrics.LockerMetrics;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.cacifo.kit.http.SqlRefusal.DUPLICATE;
import static io.cacifo.kit.http.SqlRefusal.IN_USE;
import static io.cacifo.kit.http.SqlRefusal.UNKNOWN_REFERENCE;

/** door-manager's actions: each reads its fields, calls {@link DoorDao} and says what happened. */
public final class DoorActions {
    private final DoorDao doors;
    private final OccupancyReport occupancy;
    private final DoorFaults faults;

    DoorActions(DoorDao doors, OccupancyReport occupancy, DoorFaults faults) {
        this.doors = doors;
        this.occupancy = occupancy;
        this.faults = faults;
    }

    public static ActionRouter router(Services services) {
        Db db = services.db();
        DoorDao doors = new DoorDao(db);
        DoorOperationDao operations = new DoorOperationDao(db);
        OccupancyReport occupancy = new OccupancyReport(db, doors, operations, Timeouts.doorClose(services.config()));
        LockerMetrics.register(services.metrics(), new DbGauges(services.functionName(),
                new DoorMetrics(doors, operations, Timeouts.doorClose(services.config()))));
        DoorActions actions = new DoorActions(doors, occupancy, new DoorFaults(db, doors));
        // docs/api.md "Who may call what": only the back-end changes doors (set_state included: an
        // operator frees a door through the back-end); reads are open to both.
        return ActionRouter.builder(services.functionName())
                .internal(services.verifier())
                .backend(services.backendVerifier())
                .records(actions::insert, actions::update, actions::delete, actions::get, actions::list)
                .backendOnly("set_state", actions::setState)
                .internalOrBackend("occupancy", actions::occupancy)
                // The locker's own finding (the controller, after door-io said a door did not open).
                .internalOnly("report_fault", actions::reportFault)
                .build();
    }

    Reply insert(Call call) throws SQLException {
        Body body = call.body();
        int id = doorId(body);
        DoorSize size = body.choice("size", DoorSize.class);
        Long partnerId = body.optionalId("partner_id").orElse(null);
        DoorState state = body.optionalChoice("state", DoorState.class).orElse(DoorState.FREE);
        SqlRefusal.explaining(Map.of(DUPLICATE, "door " + id + " exists already", UNKNOWN_REFERENCE, noPartner(partnerId)),
                () -> doors.insert(id, size, partnerId, state));
        return Reply.created(found(id));
    }

    Reply update(Call call) throws SQLException {
        Body body = call.body();
        int id = doorId(body);
        Optional<DoorSize> size = body.optionalChoice("size", DoorSize.class);
        Optional<Long> partnerId = body.optionalId("partner_id");
        if (size.isEmpty() && partnerId.isEmpty()) {
            throw ApiException.badRequest("nothing_to_update", "give at least one of size, partner_id");
        }
        boolean updated = SqlRefusal.explaining(Map.of(UNKNOWN_REFERENCE, noPartner(partnerId.orElse(null))),
                () -> doors.update(id, size.orElse(null), partnerId.orElse(null)));
        if (!updated) {
            throw ApiException.notFound("no door " + id);
        }
        return Reply.ok(found(id));
    }

    Reply delete(Call call) throws SQLException {
        int id = doorId(call.body());
        // The foreign keys decide, not a count read before: no parcel can sneak in between.
        boolean deleted = SqlRefusal.explaining(Map.of(IN_USE, "door " + id + " still has parcels; delete them first"),
                () -> doors.delete(id));
        if (!deleted) {
            throw ApiException.notFound("no door " + id);
        }
        return Reply.ok(Map.of("deleted", id));
    }

    Reply get(Call call) throws SQLException {
        return Reply.ok(found(doorId(call.body())));
    }

    Reply list(Call call) throws SQLException {
        Body body = call.body();
        DoorState state = body.optionalChoice("state", DoorState.class).orElse(null);
        DoorSize size = body.optionalChoice("size", DoorSize.class).orElse(null);
        int after = (int) body.optionalInteger("after_id", 0, Door.MAX_ID).orElse(0L).longValue();
        int limit = body.optionalInteger("limit", 1, 500).orElse(100L).intValue();
        List<Door> page = doors.list(after, state, size, limit);
        return Reply.ok(Map.of("doors", page));
    }

    Reply setState(Call call) throws SQLException {
        Body body = call.body();
        int id = doorId(body);
        DoorState state = body.choice("state", DoorState.class);
        if (!doors.setState(id, state)) {
            throw ApiException.notFound("no door " + id);
        }
        return Reply.ok(found(id));
    }

    /** {@code door_id}, {@code reason} (only {@code jammed} so far), {@code operation_id}? */
    Reply reportFault(Call call) throws SQLException {
        Body body = call.body();
        int id = (int) body.integer("door_id", 1, Door.MAX_ID);
        String reason = body.text("reason", 32);
        if (!OutOfService.JAMMED.equals(reason)) {
            throw ApiException.badRequest("invalid_field", "'reason' must be '" + OutOfService.JAMMED + "'");
        }
        Long operationId = body.optionalId("operation_id").orElse(null);
        return Reply.ok(faults.report(id, reason, operationId));
    }

    Reply occupancy(Call call) throws SQLException {
        return Reply.ok(occupancy.read());
    }

    private Door found(int id) throws SQLException {
        return doors.findById(id).orElseThrow(() -> ApiException.notFound("no door " + id));
    }

    /** A door is named by its lock-board number, so anything outside 1..9999 is a mistake, not a miss. */
    private static int doorId(Body body) {
        return (int) body.integer("id", 1, Door.MAX_ID);
    }

    private static String noPartner(Long partnerId) {
        return "no partner " + partnerId;
    }
}
