package io.cacifo.simulator.board;

import io.cacifo.simulator.http.Response;
import io.cacifo.simulator.http.Route;
import io.cacifo.simulator.http.RouteCall;
import io.cacifo.simulator.http.Router;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The lock-board API door-io drives: open, wait until closed, status, list. Every call must be signed
 * by door-io ({@link BoardCallVerifier}); what a person does at the locker goes through the page's
 * routes instead. The contract is in door-simulator/README.md.
 */
public final class BoardRoutes {
    public static final long MAX_WAIT_MS = 120_000;
    /** A wait-closed call without {@code timeout_ms}: shorter than door-io's 45 s, so it is never the board that is slow. */
    public static final long DEFAULT_WAIT_MS = 30_000;
    private static final String DOOR = "/board/doors/([^/]*)";

    private final Board board;
    private final BoardCallVerifier doorIo;

    public BoardRoutes(Board board, BoardCallVerifier doorIo) {
        this.board = board;
        this.doorIo = doorIo;
    }

    public void addTo(Router router) {
        router.add("GET", "/board/doors", doorIo.signedOnly(Route.now(call -> list())))
                .add("GET", DOOR, doorIo.signedOnly(Route.now(this::status)))
                .add("POST", DOOR + "/open", doorIo.signedOnly(Route.now(this::open)))
                .add("POST", DOOR + "/wait-closed", doorIo.signedOnly(this::waitClosed));
    }

    Response list() {
        List<Map<String, Object>> doors = new ArrayList<>();
        for (DoorView view : board.views()) {
            Map<String, Object> door = new LinkedHashMap<>();
            door.put("door", view.door());
            door.put("size", view.size());
            door.put("open", view.open());
            door.put("occupied", view.occupied());
            door.put("fault", view.fault());
            doors.add(door);
        }
        return Response.json(200, Map.of("doors", doors));
    }

    Response status(RouteCall call) {
        DoorView view = board.view(call.door());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("door", view.door());
        body.put("open", view.open());
        body.put("occupied", view.occupied());
        body.put("fault", view.fault());
        return Response.json(200, body);
    }

    /**
     * {@code {"signal": true}} flashes the door on the page (a body is optional: older callers send
     * {@code {}} or nothing). A jammed door does not open and says why: {@code "open":false,"fault":"jammed"}.
     */
    Response open(RouteCall call) {
        int door = call.door();
        boolean signal = call.json().flag("signal", false);
        DoorView view = board.open(door, signal);
        if (view.jammed()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("door", view.door());
            body.put("open", false);
            body.put("fault", view.fault());
            return Response.json(200, body);
        }
        return reply("open", view.door(), view.open());
    }

    CompletionStage<Response> waitClosed(RouteCall call) {
        int door = call.door();
        long timeoutMs = call.query().integer("timeout_ms", 0, MAX_WAIT_MS, DEFAULT_WAIT_MS);
        return board.whenClosed(door, timeoutMs).thenApply(closed -> reply("closed", door, closed));
    }

    private static Response reply(String field, int door, boolean value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("door", door);
        body.put(field, value);
        return Response.json(200, body);
    }
}
