package io.cacifo.doorio;

import io.cacifo.kit.Services;
import io.cacifo.kit.config.Timeouts;
import io.cacifo.kit.http.ActionRouter;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.Call;
import io.cacifo.kit.http.Reply;
import io.cacifo.kit.json.Body;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.RequestSigner;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/** door-io's actions: each reads the door number, asks the {@link LockBoard} and says what it answered. */
public final class DoorIoActions {
    private static final Logger LOG = Logger.getLogger(DoorIoActions.class.getName());
    /** A caller may ask for a shorter wait than the setting, never a longer one; past an hour is a typo. */
    private static final long MAX_TIMEOUT_MS = 3_600_000;

    private final LockBoard board;
    private final Duration maxCloseWait;

    DoorIoActions(LockBoard board, Duration maxCloseWait) {
        this.board = board;
        this.maxCloseWait = maxCloseWait;
    }

    /**
     * The router with the board {@code lock_board_url} names, signing with {@code lock-board-key}; a
     * missing or short key throws {@link IllegalStateException} naming it, so door-io fails at start.
     */
    public static ActionRouter router(Services services) {
        DoorIoSettings settings = DoorIoSettings.from(services.config());
        RequestSigner signer = RequestSigner.forLockBoard(HmacKey.fromSecret(services.secrets(), DoorIoSettings.LOCK_BOARD_KEY),
                services.clock());
        return router(services, new HttpLockBoard(settings.boardUrl(), signer, settings.boardTimeout(), Timeouts.BOARD_MARGIN));
    }

    public static ActionRouter router(Services services, LockBoard board) {
        DoorIoActions actions = new DoorIoActions(board, DoorIoSettings.from(services.config()).closeTimeout());
        // docs/api.md "Who may call what": only the locker's own controller drives doors, never the back-end.
        return ActionRouter.builder(services.functionName())
                .internal(services.verifier())
                .internalOnly("open", actions::open)
                .internalOnly("close", actions::close)
                .internalOnly("status", actions::status)
                .build();
    }

    /** A door the board says did not open is 503 {@code door_jammed} with the door and the board's fault (docs/api.md). */
    Reply open(Call call) {
        int door = doorId(call.body());
        try {
            onBoard(door, () -> {
                board.open(door);
                return null;
            });
        } catch (DoorJammedException e) {
            LOG.warning("[door-io] door " + door + " did not open: " + e.fault());
            Map<String, Object> jammed = new LinkedHashMap<>();
            jammed.put("error", "door_jammed");
            jammed.put("message", "door " + door + " did not open");
            jammed.put("door_id", door);
            jammed.put("fault", e.fault());
            return Reply.of(503, jammed);
        }
        return Reply.ok(reply(door, "open", true));
    }

    Reply close(Call call) {
        Body body = call.body();
        int door = doorId(body);
        long asked = body.optionalInteger("timeout_ms", 0, MAX_TIMEOUT_MS).orElse(maxCloseWait.toMillis());
        Duration wait = Duration.ofMillis(Math.min(asked, maxCloseWait.toMillis()));
        boolean closed = onBoard(door, () -> board.waitClosed(door, wait));
        return Reply.ok(reply(door, "closed", closed));
    }

    Reply status(Call call) {
        int door = doorId(call.body());
        return Reply.ok(onBoard(door, () -> board.status(door)));
    }

    private static int doorId(Body body) {
        return (int) body.integer("door_id", 1, HttpLockBoard.MAX_DOOR);
    }

    /** Runs a board call and turns the board's failures into the replies docs/api.md names. */
    private static <T> T onBoard(int door, Supplier<T> work) {
        try {
            return work.get();
        } catch (UnknownDoorException e) {
            throw ApiException.notFound("the lock board has no door " + door);
        } catch (BoardUnavailableException e) {
            LOG.warning("[door-io] door " + door + ": board unavailable: " + e.getMessage());
            throw ApiException.unavailable("board_unavailable", "the lock board did not answer");
        }
    }

    private static Map<String, Object> reply(int door, String field, boolean value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("door_id", door);
        body.put(field, value);
        return body;
    }
}
