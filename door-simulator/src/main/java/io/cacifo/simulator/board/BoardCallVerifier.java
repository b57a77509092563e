package io.cacifo.simulator.board;

import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.HmacVerifier;
import io.cacifo.simulator.http.Route;
import io.cacifo.simulator.http.RouteCall;

import java.time.Clock;
import java.util.List;

/**
 * The board's side of door-io's signature: every board call must carry a fresh HMAC-SHA256 under
 * {@code lock-board-key} over method, path, query, timestamp, nonce and body, checked by the kit's
 * {@link HmacVerifier#forLockBoard} (within the allowed clock skew, each nonce once). Only door-io
 * mounts that key, so the board obeys door-io and nobody else on faasd's network.
 */
public final class BoardCallVerifier {
    private final HmacVerifier verifier;

    public BoardCallVerifier(HmacKey key, Clock clock, long maxSkewSeconds) {
        this.verifier = HmacVerifier.forLockBoard(List.of(key), clock, maxSkewSeconds);
    }

    /** Returns when the call is door-io's; otherwise {@link io.cacifo.kit.http.ApiException} 401 {@code unauthorized}. */
    public void check(RouteCall call) {
        verifier.verify(call.method(), call.rawPath(), call.rawQuery(), call.headers(), call.body());
    }

    /** {@code route}, reached only by a call that passes {@link #check}: a refused call is not even parsed. */
    public Route signedOnly(Route route) {
        return call -> {
            check(call);
            return route.handle(call);
        };
    }
}
