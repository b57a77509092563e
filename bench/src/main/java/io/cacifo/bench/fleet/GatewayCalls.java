package io.cacifo.bench.fleet;

import java.util.List;

/**
 * The (function, status code) pairs a locker's gateway has counted after some weeks of work, with
 * how often and how slowly each happens. Every pair is one {@code gateway_function_invocation_total}
 * series and one {@code gateway_functions_seconds} histogram, so this table sets most of a locker's
 * series count (docs/fleet.md). The codes are the ones our functions answer: 200/201 for work done,
 * 400/401/404/409 for a caller's mistake (a wrong code typed, an unsigned call, a door already open),
 * 502/503 when a function or the lock board is down. Rates are per second on an average locker.
 */
final class GatewayCalls {
    static final class Call {
        final String function;
        final int code;
        final double perSecond;
        final double medianSeconds;

        Call(String function, int code, double perSecond, double medianSeconds) {
            this.function = function;
            this.code = code;
            this.perSecond = perSecond;
            this.medianSeconds = medianSeconds;
        }

        boolean fault() {
            return code >= 500;
        }
    }

    static final List<Call> ALL = List.of(
            new Call("controller", 200, 0.05, 0.08),
            new Call("controller", 404, 0.003, 0.04),
            new Call("controller", 409, 0.0005, 0.03),
            new Call("controller", 502, 0.0001, 1.0),
            new Call("door-io", 200, 0.02, 0.15),
            new Call("door-io", 503, 0.0002, 1.0),
            new Call("door-manager", 200, 0.02, 0.01),
            new Call("door-manager", 400, 0.0005, 0.005),
            new Call("door-manager", 404, 0.0005, 0.005),
            new Call("partner-manager", 200, 0.001, 0.01),
            new Call("partner-manager", 201, 0.00005, 0.02),
            new Call("partner-manager", 404, 0.0001, 0.005),
            new Call("reservation-manager", 200, 0.03, 0.015),
            new Call("reservation-manager", 201, 0.005, 0.03),
            new Call("reservation-manager", 404, 0.003, 0.008),
            new Call("reservation-manager", 409, 0.0005, 0.01),
            new Call("screen-io", 200, 0.03, 0.1),
            new Call("screen-io", 400, 0.001, 0.005),
            new Call("screen-io", 404, 0.004, 0.05),
            new Call("user-manager", 200, 0.002, 0.01),
            new Call("user-manager", 201, 0.0001, 0.03),
            new Call("user-manager", 401, 0.0003, 0.002),
            new Call("user-manager", 404, 0.0001, 0.005));

    /** The seven functions of stack.yaml, as gateway_service_count names them. */
    static final List<String> FUNCTIONS = List.of("controller", "door-io", "door-manager", "partner-manager",
            "reservation-manager", "screen-io", "user-manager");

    /** A faulty locker's 5xx happen this much more often, and all its calls take this much longer. */
    static final double FAULT_RATE_FACTOR = 300;
    static final double FAULT_SLOWDOWN = 10;

    private GatewayCalls() {
    }
}
