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
import java.util.regex.Pattern;

/**
 * The controller's actions: {@code enter} (signed; the screen's code through the whole workflow)
 * and {@code sync} (unsigned and the default: faasd's cron-connector calls with no query and cannot
 * sign; it only finishes abandoned door operations by the board's word and sends what is already
 * due, so a stranger calling it gains nothing).
 */
public final class ControllerActions {
    private static final Pattern SCREEN_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final DoorWorkflow workflow;
    private final DoorReconciler reconciler;
    private final OutboxSender sender;

    ControllerActions(DoorWorkflow workflow, DoorReconciler reconciler, OutboxSender sender) {
        this.workflow = workflow;
        this.reconciler = reconciler;
        this.sender = sender;
    }

    /** Builds the workflow, the outbox sender and their background threads: once per JVM, as the entrypoint does. */
    public static ActionRouter router(Services services) {
        ControllerSettings settings = new ControllerSettings(services.config());
        Db db = services.db();
        OutboxSender sender = new OutboxSender(new OutboxEventDao(db),
                new BackendClient(settings, services.secrets(), services.clock()));
        DoorOperationDao operations = new DoorOperationDao(db);
        OperationsInFlight inFlight = new OperationsInFlight();
        DoorReconciler reconciler = new DoorReconciler(services.gateway(), operations, inFlight, settings.doorCloseTimeout);
        // Reconciled first, so the events of the operations it finishes go out in the same round.
        ControllerThreads threads = ControllerThreads.start(() -> {
            reconciler.reconcileQuietly();
            sender.flushQuietly("scheduled");
        }, settings.outboxInterval);
        DoorFollowUp followUp = new DoorFollowUp(services.gateway(), operations, sender, settings, inFlight);
        ControllerActions actions = new ControllerActions(
                new DoorWorkflow(services.gateway(), operations, followUp, threads, inFlight), reconciler, sender);
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

    /** Reconciles the door journal, then sends what is due, its events included. */
    Reply sync(Call call) throws SQLException {
        int reconciled = reconciler.reconcile();
        FlushResult flushed = sender.flush();
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("reconciled", reconciled);
        reply.put("delivered", flushed.delivered);
        reply.put("pending", flushed.pending);
        reply.put("failed", flushed.failed);
        return Reply.ok(reply);
    }
}
