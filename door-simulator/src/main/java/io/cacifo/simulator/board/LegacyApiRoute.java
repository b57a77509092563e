package io.cacifo.simulator.board;

import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Body;
import io.cacifo.simulator.http.Response;
import io.cacifo.simulator.http.Route;
import io.cacifo.simulator.http.RouteCall;
import io.cacifo.simulator.http.Router;

import java.util.Map;

/**
 * The older Locky board shape, {@code POST /api} with {@code {"mid": 201|205, "data": {"door": N}}}:
 * 201 opens, 205 closes. Signed like every board call ({@link BoardCallVerifier}). Success is
 * {@code {"resp":0}}; a failure, a refused signature included, is {@code {"resp":1}} plus the house
 * {@code error} and {@code message}, so old clients and our logs both understand it.
 */
public final class LegacyApiRoute {
    static final int OPEN = 201;
    static final int CLOSE = 205;

    private final Board board;
    private final BoardCallVerifier doorIo;

    public LegacyApiRoute(Board board, BoardCallVerifier doorIo) {
        this.board = board;
        this.doorIo = doorIo;
    }

    public void addTo(Router router) {
        router.add("POST", "/api", Route.now(this::handle));
    }

    Response handle(RouteCall call) {
        try {
            doorIo.check(call);
            Body body = call.json();
            long mid = body.integer("mid", 0, Integer.MAX_VALUE);
            Body data = Body.parse(body.optionalObject("data")
                    .orElseThrow(() -> ApiException.badRequest("missing_field", "'data' is required"))
                    .toString());
            int door = (int) data.integer("door", DoorLayout.MIN_DOOR, DoorLayout.MAX_DOOR);
            if (mid == OPEN) {
                if (board.open(door).jammed()) {
                    throw ApiException.conflict("door_jammed", "door " + door + " is jammed and did not open");
                }
            } else if (mid == CLOSE) {
                board.close(door);
            } else {
                throw ApiException.badRequest("unknown_mid", "'mid' must be " + OPEN + " (open) or " + CLOSE + " (close)");
            }
            return Response.json(200, Map.of("resp", 0));
        } catch (ApiException e) {
            Map<String, Object> failure = Response.errorBody(e.error(), e.getMessage());
            failure.put("resp", 1);
            return Response.json(e.status(), failure);
        }
    }
}
