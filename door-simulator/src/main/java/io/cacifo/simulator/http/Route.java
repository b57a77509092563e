package io.cacifo.simulator.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers one method and path pattern. A route may answer later (a long poll): the server thread
 * is free while the answer is pending. Throwing {@link io.cacifo.kit.http.ApiException} gives its
 * status and error; anything else gives 500 with the cause in the log.
 */
public interface Route {
    CompletionStage<Response> handle(RouteCall call);

    /** A route that answers at once. */
    interface Immediate {
        Response handle(RouteCall call);
    }

    static Route now(Immediate route) {
        return call -> CompletableFuture.completedFuture(route.handle(call));
    }
}
