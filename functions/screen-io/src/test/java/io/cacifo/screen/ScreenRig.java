package io.cacifo.screen;

import io.cacifo.kit.testing.FakeGateway;
import io.cacifo.kit.testing.FakeGateway.Answer;
import com.openfaas.function.Handler;
import io.cacifo.kit.Services;
import io.cacifo.kit.config.Config;
import io.cacifo.kit.testing.SettableClock;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * screen-io under test: its Handler on a fresh database, a clock the test moves, and a fake gateway
 * whose controller opens door 4 for {@link #GOOD_CODE} and answers 404 invalid_code to anything else,
 * and where every function a code needs ({@link #CODE_FUNCTIONS}) answers its health probe.
 */
final class ScreenRig implements AutoCloseable {
    static final String GOOD_CODE = "246813579";
    static final String WRONG_CODE = "11112222";
    /** A code the controller answers as a grace re-open of door 4. */
    static final String GRACE_CODE = "135792468";
    /** The screens this test locker has (setting screen_ids); any other id is refused. */
    static final java.util.List<String> SCREENS = java.util.List.of("main", "side", "hall", "left", "right", "rush");
    /** The functions a code needs (setting code_functions, default). */
    static final java.util.List<String> CODE_FUNCTIONS = java.util.List.of("controller", "reservation-manager", "door-io");

    final FakeGateway gateway;
    final TestLocker locker;
    SettableClock clock;
    Services services;
    Handler handler;

    private ScreenRig(FakeGateway gateway, TestLocker locker) {
        this.gateway = gateway;
        this.locker = locker;
    }

    static ScreenRig start() throws IOException {
        FakeGateway gateway = FakeGateway.start();
        return new ScreenRig(gateway, TestLocker.create("screen-io", Map.of("gateway_url", gateway.url(),
                ScreenSettings.SCREEN_IDS.key(), String.join(",", SCREENS))));
    }

    /** Empty throttle and outbox, the default controller, a fresh clock and a fresh Handler. */
    void reset() throws Exception {
        locker.database().execute("DELETE FROM screen_throttle; DELETE FROM outbox_events");
        gateway.forget();
        for (String function : CODE_FUNCTIONS) {
            gateway.onHealth(function, healthy());
        }
        gateway.on("controller", "enter", body -> {
            String code = body.get("code").getAsString();
            if (GOOD_CODE.equals(code) || GRACE_CODE.equals(code)) {
                return Answer.json(200, Map.of("door_id", 4, "kind", "PICKUP", "grace", GRACE_CODE.equals(code),
                        "operation_id", 7));
            }
            return Answer.json(404, Map.of("error", "invalid_code", "message", "the code opens nothing"));
        });
        clock = new SettableClock();
        restart();
    }

    /** A new Handler with a new pool, as after a restart of the function; the clock stays. */
    void restart() {
        closePool();
        services = withClock(locker.services().config());
        handler = new Handler(services);
    }

    void closePool() {
        if (services != null) {
            services.closeDb();
            services = null;
        }
    }

    Services withClock(Config config) {
        return new Services(config, locker.services().secrets(), clock);
    }

    /** This locker's settings with one changed, e.g. to point at a port where nothing listens. */
    Config with(String key, String value) {
        Config base = locker.services().config();
        return name -> key.equals(name) ? Optional.of(value) : base.find(name);
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A health probe's answer as the entrypoint gives it. */
    static FakeGateway.Script healthy() {
        return body -> Answer.json(200, Map.of("status", "ok"));
    }

    /** As of-watchdog answers for a function whose JVM does not listen: 500, empty body. */
    static FakeGateway.Script notListening() {
        return body -> new Answer(500, "");
    }

    TestReply status() {
        return TestLocker.send(handler, locker.unsigned("status", Map.of()));
    }

    TestReply statusWith(Object body) {
        return TestLocker.send(handler, locker.unsigned("status", body));
    }

    TestReply enter(Object body) {
        return TestLocker.send(handler, locker.unsigned("enter", body));
    }

    TestReply enter(String screen, String code) {
        return enter(Map.of("screen_id", screen, "code", code));
    }

    int failures(String screen) throws Exception {
        return Integer.parseInt(locker.database().scalar(
                "SELECT COALESCE((SELECT failures FROM screen_throttle WHERE screen_id = '" + screen + "'), 0)"));
    }

    int lockouts(String screen) throws Exception {
        return Integer.parseInt(locker.database().scalar(
                "SELECT COALESCE((SELECT lockouts FROM screen_throttle WHERE screen_id = '" + screen + "'), 0)"));
    }

    long controllerCalls() {
        return gateway.callNames().stream().filter("controller/enter"::equals).count();
    }

    static void assertScreen(TestReply reply, int status, String error, String display, String state) {
        assertEquals(status, reply.status(), reply.toString());
        assertEquals(error, reply.error(), reply.toString());
        assertEquals(display, reply.text("display"), reply.toString());
        assertEquals(state, reply.text("state"), reply.toString());
        if (error != null) {
            assertFalse(reply.text("message").isBlank(), reply.toString());
        }
    }

    @Override
    public void close() throws Exception {
        closePool();
        gateway.close();
        locker.close();
    }
}
