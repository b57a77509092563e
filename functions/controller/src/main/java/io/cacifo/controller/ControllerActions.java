package io.cacifo.controller;

import io.cacifo.kit.Services;
import io.cacifo.kit.db.Db;
import io.cacifo.kit.doors.DoorOperationDao;
import io.cacifo.kit.doors.SupportRequest;
import io.cacifo.kit.http.ActionRouter;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.Call;
import io.cacifo.kit.http.Reply;
import io.cacifo.kit.json.Body;
import io.cacifo.kit.metrics.DbGauges;
import io.cacifo.kit.metrics.LockerMetrics;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The controller's actions: {@code enter} (signed; the screen's code through the whole workflow),
 * {@code support_open} (the back-end's support opens a door remotely; the back-end's signature only)
 * and {@code sync} (unsigned and the default: faasd's cron-connector calls with no query and cannot
 * sign; it only finishes abandoned door operations by the board's word and sends what is already
 * due, one round at a time, and tells an anonymous caller nothing, so a stranger calling it gains nothing).
 */
public final class ControllerActions {
    private final DoorWorkflow workflow;
    private final SupportOpening support;
    private final SyncRound round;
    private final ControllerThreads threads;

    ControllerActions(DoorWorkflow workflow, SupportOpening support, SyncRound round, ControllerThreads threads) {
        this.workflow = workflow;
        this.support = support;
        this.round = round;
        this.threads = threads;
    }

    /**
     * Builds the workflow, the reconciler, the outbox sender and their threads, once per JVM as the
     * entrypoint does; no background work starts before {@link #start}.
     */
    public static ControllerActions create(Services services) {
        ControllerSettings settings = new ControllerSettings(services.config());
        Db db = services.db();
        OutboxEventDao events = new OutboxEventDao(db);
        OutboxSender sender = new OutboxSender(events,
                new BackendClient(settings, () -> services.sharedKey(ControllerSettings.BACKEND_HMAC_KEY), services.clock()));
        DoorOperationDao operations = new DoorOperationDao(db);
        LockerMetrics.register(services.metrics(), new DbGauges(services.functionName(), new ControllerMetrics(events, operations)));
        OperationsInFlight inFlight = new OperationsInFlight();
        OperationFinisher finisher = new OperationFinisher(services.gateway(), operations, settings.doorCloseTimeout,
                settings.disableRetryDelay);
        SyncRound round = new SyncRound(new DoorReconciler(services.gateway(), operations, inFlight,
                settings.doorCloseTimeout, finisher),
                new DeadlineSweep(services.gateway(), settings.deadlineCheckInterval, services.clock()), sender);
        ControllerThreads threads = new ControllerThreads(settings.outboxInterval);
        DoorFollowUp followUp = new DoorFollowUp(services.gateway(), finisher, sender, settings.doorCloseTimeout, inFlight);
        DoorWorkflow workflow = new DoorWorkflow(services.gateway(), operations, followUp, threads, inFlight);
        return new ControllerActions(workflow, new SupportOpening(services.gateway(), operations, workflow, inFlight),
                round, threads);
    }

    /** The actions and who may call them; building it starts nothing. */
    public ActionRouter router(Services services) {
        // docs/api.md "Who may call what": enter comes from screen-io only; the back-end opens a door
        // only as support, by support_open, which no locker function may call.
        return ActionRouter.builder(services.functionName())
                .internal(services.verifier())
                .backend(services.backendVerifier())
                .internalOnly("enter", this::enter)
                .backendOnly("support_open", this::supportOpen)
                .publicAction("sync", this::sync)
                .defaultAction("sync")
                .build();
    }

    /** Starts the timer: a round now (what a crashed run left) and every {@code outbox_interval_ms}. */
    public void start() {
        threads.start(round::runQuietly);
    }

    Reply enter(Call call) throws SQLException {
        String code = call.body().text("code", 64);
        try {
            return workflow.enter(code);
        } catch (CodeRefused refused) {
            // reservation-manager's reason, passed on with the code's kind (docs/api.md, controller).
            return Reply.of(409, refused.body());
        }
    }

    /** support_open {door_id, reason, ticket, mark?}: every field checked before anything is asked or opened. */
    Reply supportOpen(Call call) throws SQLException {
        Body body = call.body();
        int doorId = (int) body.integer("door_id", 1, DoorWorkflow.MAX_DOOR_ID);
        String reason = body.text("reason", SupportRequest.MAX_REASON);
        String ticket = body.text("ticket", 64);
        if (!SupportRequest.TICKET.matcher(ticket).matches()) {
            throw ApiException.badRequest("invalid_field", "'ticket' may hold letters, digits and . _ : - only");
        }
        String mark = body.optionalChoice("mark", SupportMark.class).map(Enum::name).orElse(null);
        return support.open(doorId, new SupportRequest(reason, ticket, mark));
    }

    /**
     * A housekeeping round ({@link SyncRound}), unless one is running. An anonymous caller (the
     * cron-connector, or anyone who reaches the gateway) learns only whether this call ran it; the
     * counts go to a caller that signs with the locker's own key.
     */
    Reply sync(Call call) throws SQLException {
        Optional<SyncRound.Done> done = round.runIfIdle();
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("synced", done.isPresent());
        if (done.isPresent() && call.signedByLocker()) {
            reply.put("reconciled", done.get().reconciled);
            reply.put("delivered", done.get().flushed.delivered);
            reply.put("pending", done.get().flushed.pending);
            reply.put("failed", done.get().flushed.failed);
        }
        return Reply.ok(reply);
    }
}
