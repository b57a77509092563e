package io.cacifo.bench;

import io.cacifo.kit.http.GatewayReply;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's cost, in microseconds: the same signed call through the gateway and straight to the
 * function's own port, one after the other in every round so both see the same machine, after a
 * warm-up. Timed here with {@link System#nanoTime} because JMeter's results hold whole milliseconds,
 * too coarse for calls of 1 to 3 ms. Two calls: user-manager insert (a write) and
 * reservation-manager validate (a read with an HMAC code lookup).
 */
final class HopTimer {
    static final String INSERT = "user insert";
    static final String VALIDATE = "validate";

    private final FunctionCaller caller;
    private final URI gateway;
    private final Map<String, Integer> ports;
    private final String validCode;
    private long users;

    HopTimer(FunctionCaller caller, URI gateway, Map<String, Integer> ports, String validCode) {
        this.caller = caller;
        this.gateway = gateway;
        this.ports = ports;
        this.validCode = validCode;
    }

    /** Route ("user insert via gateway", "user insert direct", ...) → the measured times in µs, in order. */
    Map<String, List<Double>> measure(int warmup, int rounds) throws IOException, InterruptedException {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (String call : List.of(INSERT, VALIDATE)) {
            times.put(call + " via gateway", new ArrayList<>());
            times.put(call + " direct", new ArrayList<>());
        }
        for (int round = 0; round < warmup + rounds; round++) {
            boolean counted = round >= warmup;
            time(times.get(INSERT + " via gateway"), counted, () -> insert(true));
            time(times.get(INSERT + " direct"), counted, () -> insert(false));
            time(times.get(VALIDATE + " via gateway"), counted, () -> validate(true));
            time(times.get(VALIDATE + " direct"), counted, () -> validate(false));
        }
        return times;
    }

    private GatewayReply insert(boolean viaGateway) throws IOException, InterruptedException {
        String body = "{\"username\":\"hop-" + System.currentTimeMillis() + "-" + (++users)
                + "\",\"full_name\":\"bench hop\",\"role\":\"CUSTOMER\"}";
        return expect(201, call(viaGateway, "user-manager", "insert", body));
    }

    private GatewayReply validate(boolean viaGateway) throws IOException, InterruptedException {
        return expect(200, call(viaGateway, "reservation-manager", "validate", "{\"code\":\"" + validCode + "\"}"));
    }

    private GatewayReply call(boolean viaGateway, String function, String action, String body)
            throws IOException, InterruptedException {
        return viaGateway ? caller.viaGateway(gateway, function, action, body)
                : caller.call(ports.get(function), function, action, body);
    }

    private static GatewayReply expect(int status, GatewayReply reply) {
        if (reply.status() != status) {
            throw new IllegalStateException("expected HTTP " + status + ", got " + reply.status() + " " + reply.body());
        }
        return reply;
    }

    private static void time(List<Double> into, boolean counted, Call call) throws IOException, InterruptedException {
        long started = System.nanoTime();
        call.run();
        long took = System.nanoTime() - started;
        if (counted) {
            into.add(took / 1e3);
        }
    }

    private interface Call {
        GatewayReply run() throws IOException, InterruptedException;
    }
}
