package io.cacifo.simulator.ui;

import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Body;
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
import java.util.Map;

/**
 * What the page asks its own origin for: the doors with door-manager's view of them, whether the
 * locker has started (screen-io's {@code status}, what the idle screen shows), and what a
 * person does at the locker: type a code, close a door, put a parcel in or take it out, and (to show
 * or test a fault) jam a door's lock. Each action
 * must be a same-origin JSON request ({@link SameOriginJson}).
 */
public final class UiRoutes {
    /** Codes are 8-12 digits (docs/api.md); screen-io judges them, this only keeps junk out of the gateway. */
    static final int MAX_CODE_LENGTH = 64;
    private static final String DOOR = "/ui/doors/([^/]*)";

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
                .add("GET", "/ui/status", Route.now(call -> screen.status(call.query().text("lang"))))
                .add("POST", "/ui/code", pageAction(this::code))
                .add("POST", DOOR + "/close", pageAction(this::close))
                .add("POST", DOOR + "/occupied", pageAction(this::occupied))
                .add("POST", DOOR + "/jammed", pageAction(this::jammed));
    }

    private static Route pageAction(Route.Immediate action) {
        return Route.now(call -> {
            SameOriginJson.require(call);
            return action.handle(call);
        });
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
            door.put("jammed", view.jammed());
            door.put("signals", view.signals());
            doors.add(door);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("doors", doors);
        body.put("auto_close_ms", board.autoCloseMs());
        body.put("states_from", snapshot.source());
        return Response.json(200, body);
    }

    /** {@code {"code", "lang"?}}: the screen's language goes to screen-io with the code. */
    Response code(RouteCall call) {
        Body body = call.json();
        String code = body.text("code", MAX_CODE_LENGTH);
        return screen.enter(code, body.optionalText("lang", 8));
    }

    /** A person shuts the door: {@code {"door":n,"open":false}}, and every wait on it wakes. */
    Response close(RouteCall call) {
        DoorView view = board.close(call.door());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("door", view.door());
        body.put("open", view.open());
        return Response.json(200, body);
    }

    /** A parcel put in or taken out: only through an open door (409 {@code door_closed} otherwise). */
    Response occupied(RouteCall call) {
        int door = call.door();
        Body body = call.json();
        if (!body.has("occupied")) {
            throw ApiException.badRequest("missing_field", "'occupied' is required");
        }
        DoorView view = board.setOccupied(door, body.flag("occupied", false));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("door", view.door());
        reply.put("open", view.open());
        reply.put("occupied", view.occupied());
        return Response.json(200, reply);
    }

    /** Jams a door's lock ({@code {"jammed":true}}: it no longer opens) or frees it: {@code {"door":n,"jammed":bool}}. */
    Response jammed(RouteCall call) {
        int door = call.door();
        DoorView view = board.setJammed(door, call.json().flag("jammed"));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("door", view.door());
        reply.put("jammed", view.jammed());
        return Response.json(200, reply);
    }
}
