package io.cacifo.simulator.ui;

import io.cacifo.kit.http.ApiException;
import io.cacifo.simulator.board.Board;
import io.cacifo.simulator.board.DoorView;
import io.cacifo.simulator.gateway.DoorStates;
import io.cacifo.simulator.gateway.ScreenForwarder;
import io.cacifo.simulator.http.Response;
import io.cacifo.simulator.http.Route;
import io.cacifo.simulator.http.RouteCall;
import io.cacifo.simulator.http.Router;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the page asks its own origin for: the doors with door-manager's view of them, and typed codes. */
public final class UiRoutes {
    /** Codes are 8-12 digits (docs/api.md); screen-io judges them, this only keeps junk out of the gateway. */
    static final int MAX_CODE_LENGTH = 64;

    private final Board board;
    private final DoorStates states;
    private final ScreenForwarder screen;

    public UiRoutes(Board board, DoorStates states, ScreenForwarder screen) {
        this.board = board;
        this.states = states;
        this.screen = screen;
    }

    public void addTo(Router router) {
        router.add("GET", "/ui/state", Route.now(call -> state()))
                .add("POST", "/ui/code", Route.now(this::code));
    }

    Response state() {
        DoorStates.Snapshot snapshot = states.current();
        List<Map<String, Object>> doors = new ArrayList<>();
        for (DoorView view : board.views()) {
            Map<String, Object> door = new LinkedHashMap<>();
            door.put("id", view.door());
            door.put("size", view.size());
            door.put("open", view.open());
            door.put("occupied", view.occupied());
            door.put("state", snapshot.of(view.door()));
            doors.add(door);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("doors", doors);
        body.put("auto_close_ms", board.autoCloseMs());
        body.put("states_from", snapshot.source());
        return Response.json(200, body);
    }

    Response code(RouteCall call) {
        // A JSON content type makes a cross-site form post impossible without a CORS preflight we never allow.
        if (!call.contentType().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "send the code as application/json");
        }
        String code = call.json().text("code", MAX_CODE_LENGTH);
        return screen.enter(code);
    }
}
