package io.cacifo.controller;

import io.cacifo.kit.Services;
import io.cacifo.kit.db.Db;
import io.cacifo.kit.http.ActionRouter;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.Call;
import io.cacifo.kit.http.Reply;
import io.cacifo.kit.json.Body;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The controller's actions: {@code enter} (signed; the screen's code through the whole workflow)
 * and {@code sync} (unsigned and the default: faasd's cron-connector calls with no query and cannot
 * sign; it only finishes abandoned door operations by the board's word and sends what is already
 * due, one round at a time, and tells an anonymous caller nothing, so a stranger calling it gains nothing).
 */
public final class ControllerActions {
    private static final Pattern SCREEN_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final DoorWorkflow workflow;
    private final SyncRound round;

    ControllerActions(DoorWorkflow workflow, SyncRound round) {
        this.workflow = workflow;
        this.round = round;
    }

    /** Builds the workflow, the outbox sender and their background threads: once per JVM, as the entrypoint does. */
    public static ActionRouter router(Services services) {
        ControllerSettings settings = new ControllerSettings(services.config());
        Db db = services.db();
        OutboxSender sender = new OutboxSender(new OutboxEventDao(db),
                new BackendClient(settings, () -> services.sharedKey(ControllerSettings.BACKEND_HMAC_KEY), services.clock()));
        DoorOperationDao operations = new DoorOperationDao(db);
        OperationsInFlight inFlight = new OperationsInFlight();
        DoorReconciler reconciler = new DoorReconciler(services.gateway(), operations, inFlight, settings.doorCloseTimeout);
        SyncRound round = new SyncRound(reconciler, sender);
        ControllerThreads threads = ControllerThreads.start(round::runQuietly, settings.outboxInterval);
        DoorFollowUp followUp = new DoorFollowUp(services.gateway(), operations, sender, settings, inFlight);
        ControllerActions actions = new ControllerActions(
                new DoorWorkflow(services.gateway(), operations, followUp, threads, inFlight), round);
        // docs/api.md "Who may call what": enter comes from screen-io only; the back-end never opens doors.
        return ActionRouter.builder(services.functionName())
                .internal(services.verifier())
                .internalOnly("enter", actions::enter)
                .publicAction("sync", actions::sync)
                .defaultAction("sync")
                .build();
    }

    Reply enter(Call call) throws SQLException {
        Body body = call.body();
        String code = body.text("code", 64);
        body.optionalText("screen_id", 64).ifPresent(screen -> {
            if (!SCREEN_ID.matcher(screen).matches()) {
                throw ApiException.badRequest("invalid_field", "'screen_id' may hold letters, digits and . _ - only");
            }
        });
        return workflow.enter(code);
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
