package io.cacifo.screen;

import io.cacifo.kit.Services;
import io.cacifo.kit.http.ActionRouter;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.Call;
import io.cacifo.kit.http.Replies;
import io.cacifo.kit.http.Reply;
import io.cacifo.kit.json.Body;
import io.cacifo.kit.metrics.DbGauges;
import io.cacifo.kit.metrics.LockerMetrics;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * screen-io's actions: {@code enter} (a typed code) and {@code status} (whether the locker has
 * started, {@link LockerStartup}). They are the only unsigned entry of the locker: the touchscreen
 * cannot keep a key. Every reply, failures too ({@link ScreenReplies#failed}), carries the
 * {@code display} text the screen shows, in the language the body names ({@code lang},
 * {@link ScreenText}); a body the router cannot read gets the default language.
 */
public final class ScreenActions {
    /**
     * The largest body screen-io reads: a code and a screen id are a few dozen bytes, so anything
     * longer is not a screen's and is refused before it is parsed, counted or passed on (the
     * entrypoint's own cap, {@code max_body_bytes}, is for every function and far larger).
     */
    public static final int MAX_BODY_BYTES = 1024;

    private final CodeEntry entry;
    private final LockerStartup startup;

    ScreenActions(CodeEntry entry, LockerStartup startup) {
        this.entry = entry;
        this.startup = startup;
    }

    public static ActionRouter router(Services services) {
        LockerStartup startup = LockerStartup.from(services.config(), services.gateway(), services.clock());
        ScreenThrottle throttle = new ScreenThrottle(services.db(), services.clock());
        // docs/observability.md, "The metrics": a count only, never a screen id or a code.
        LockerMetrics.register(services.metrics(), new DbGauges(services.functionName(), out -> out.set("cacifo_screens_locked_out",
                "Screens locked out by wrong codes now", throttle.countLockedOut())));
        CodeEntry entry = new CodeEntry(ScreenIds.from(services.config()), throttle,
                services.gateway(), startup, services.config().millis(ScreenSettings.CONTROLLER_TIMEOUT, 1),
                CodeEntry.supportPhone(services.config().get(ScreenSettings.SUPPORT_PHONE)));
        ScreenActions actions = new ScreenActions(entry, startup);
        return ActionRouter.unsigned(services.functionName())
                .failureReply(ScreenReplies::failed)
                .action("enter", actions::enter)
                .action("status", actions::status)
                .build();
    }

    /** {@code lang} is read first: a wrong one is refused before anything is counted or asked. */
    Reply enter(Call call) {
        Body body = screenBody(call);
        ScreenText text = ScreenText.of(body);
        try {
            return entry.enter(body, text);
        } catch (SQLException | RuntimeException failure) {
            // The kit's meaning of the failure, told in the screen's language (the router knows none).
            ApiException answer = Replies.failure(failure, "screen-io", "action enter");
            return ScreenReplies.failed(text, answer.status(), answer.error(), answer.getMessage());
        }
    }

    /** Empty or a JSON object, of which only {@code lang} is read; the screen may ask as often as it likes. */
    Reply status(Call call) {
        ScreenText text = ScreenText.of(screenBody(call));
        return ScreenReplies.status(text, startup.started());
    }

    private static Body screenBody(Call call) {
        String raw = call.request().getBody();
        if (raw != null && raw.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new ApiException(413, "payload_too_large", "a screen's request is at most " + MAX_BODY_BYTES + " bytes");
        }
        return call.body();
    }
}
