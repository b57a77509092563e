package io.cacifo.bench;

import java.util.Map;
import java.util.Optional;

/**
 * The call that tells a function has started: a cheap read each function serves, and the status
 * that counts as its correct answer. screen-io has only {@code enter}; a code that opens nothing is
 * its full path (throttle, controller, validate) and answers 404. It is typed on the simulator's
 * screen (screen-io serves only the locker's screens), leaving "main" to the code-flow plan; one
 * wrong code is far from a lockout.
 */
final class ProbeCall {
    private static final Map<String, ProbeCall> BY_FUNCTION = Map.of(
            "user-manager", new ProbeCall("get", "{\"id\":1}", 200),
            "partner-manager", new ProbeCall("list", "{\"limit\":1}", 200),
            "door-manager", new ProbeCall("occupancy", "{}", 200),
            "reservation-manager", new ProbeCall("list", "{\"limit\":1}", 200),
            "door-io", new ProbeCall("status", "{\"door_id\":1}", 200),
            "screen-io", new ProbeCall("enter", "{\"code\":\"0000000000\",\"screen_id\":\"simulator\"}", 404),
            "controller", new ProbeCall("sync", "{}", 200));

    final String action;
    final String body;
    final int expectedStatus;

    private ProbeCall(String action, String body, int expectedStatus) {
        this.action = action;
        this.body = body;
        this.expectedStatus = expectedStatus;
    }

    static Optional<ProbeCall> forFunction(String function) {
        return Optional.ofNullable(BY_FUNCTION.get(function));
    }

    String describe() {
        return action + " → " + expectedStatus;
    }
}
