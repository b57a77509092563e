package io.cacifo.screen;

import io.cacifo.kit.testing.FaasdReplies;
import io.cacifo.kit.testing.FakeGateway;
import io.cacifo.kit.testing.FakeHttpServer;
import io.cacifo.kit.testing.FakeGateway.Answer;
import io.cacifo.kit.testing.LogCapture;
import com.openfaas.function.Handler;
import io.cacifo.kit.Services;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.cacifo.screen.ScreenRig.GOOD_CODE;
import static io.cacifo.screen.ScreenRig.WRONG_CODE;
import static io.cacifo.screen.ScreenRig.assertScreen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * screen-io's enter through its Handler with unsigned requests (as the touchscreen sends them):
 * what the screen shows for each answer of the controller, and for each failure on the way.
 */
class ScreenEntryTest {
    private static ScreenRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = ScreenRig.start();
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    @BeforeEach
    void freshScreen() throws Exception {
        rig.reset();
    }

    @AfterEach
    void closePool() {
        rig.closePool();
    }

    @Test
    void a_good_code_opens_its_door_and_the_controller_gets_code_and_screen_signed() {
        TestReply reply = rig.enter(Map.of("code", GOOD_CODE));

        assertEquals(200, reply.status(), reply.toString());
        assertEquals("{\"display\":\"Porta 4 aberta\",\"state\":\"OPEN\",\"door_id\":4}", reply.body());
        assertTrue(reply.contentType().startsWith("application/json"));
        assertEquals(List.of("controller/enter"), rig.gateway.callNames());
        FakeGateway.Received call = rig.gateway.calls().get(0);
        assertTrue(call.signed, "the call to the controller must be signed");
        assertEquals(GOOD_CODE, call.body.get("code").getAsString());
        assertEquals("main", call.body.get("screen_id").getAsString());
    }

    @ParameterizedTest(name = "controller {0} {1} -> screen {2} {3} \"{4}\"")
    @CsvSource(delimiter = '|', value = {
            "404 | {\"error\":\"invalid_code\",\"message\":\"no\"}              | 404 | invalid_code         | Código inválido                | INVALID     | 1",
            "409 | {\"error\":\"door_busy\",\"message\":\"busy\",\"door_id\":6} | 409 | door_busy            | A porta 6 já está aberta       | BUSY        | 0",
            "409 | {\"error\":\"door_busy\",\"message\":\"busy\"}               | 409 | door_busy            | Esta porta já está aberta      | BUSY        | 0",
            "409 | {\"error\":\"already_used\",\"message\":\"used\"}            | 409 | already_used         | Código inválido                | INVALID     | 1",
            "409 | {\"error\":\"door_unavailable\",\"message\":\"oos\"}         | 409 | door_unavailable     | Código inválido                | INVALID     | 1",
            "400 | {\"error\":\"invalid_code\",\"message\":\"digits\"}          | 400 | invalid_code         | Código inválido                | INVALID     | 1",
            "401 | {\"error\":\"unauthorized\",\"message\":\"key\"}             | 503 | unauthorized         | Cacifo temporariamente indisponível | UNAVAILABLE | 1",
            "404 | {\"error\":\"not_found\",\"message\":\"no function\"}        | 503 | not_found            | Cacifo temporariamente indisponível | UNAVAILABLE | 1",
            "404 | error finding function controller.openfaas-fn: not found    | 503 | http_404             | Cacifo temporariamente indisponível | UNAVAILABLE | 1",
            "503 | {\"error\":\"board_unavailable\",\"message\":\"board\"}      | 503 | board_unavailable    | Cacifo temporariamente indisponível | UNAVAILABLE | 1",
            "503 | {\"error\":\"upstream_unavailable\",\"message\":\"rm\"}     | 503 | upstream_unavailable | Cacifo temporariamente indisponível | UNAVAILABLE | 1",
            "503 | {\"error\":\"db_unavailable\",\"message\":\"db\"}            | 503 | db_unavailable       | Cacifo temporariamente indisponível | UNAVAILABLE | 1",
            "500 | {\"error\":\"internal\",\"message\":\"bug\"}                 | 503 | internal             | Cacifo temporariamente indisponível | UNAVAILABLE | 1",
            "200 | {\"kind\":\"PICKUP\"}                                        | 503 | upstream_unavailable | Cacifo temporariamente indisponível | UNAVAILABLE | 1",
    })
    void the_controllers_answer_becomes_what_the_screen_shows_and_only_a_real_code_is_not_counted(
            int controllerStatus, String controllerBody,
            int status, String error, String display, String state, int countedFailures) throws Exception {
        rig.gateway.on("controller", "enter", body -> new Answer(controllerStatus, controllerBody));

        TestReply reply = rig.enter(Map.of("code", WRONG_CODE));

        assertScreen(reply, status, error, display, state);
        assertEquals(1, rig.controllerCalls());
        assertEquals(countedFailures, rig.failures("main"), "wrong codes counted");
    }

    @Test
    void a_code_is_counted_before_the_controller_is_asked_and_given_back_once_its_door_opened() throws Exception {
        List<Integer> countedWhileAsking = new ArrayList<>();
        rig.gateway.on("controller", "enter", body -> {
            countedWhileAsking.add(rig.failures("main"));
            return Answer.json(200, Map.of("door_id", 4, "kind", "PICKUP", "grace", false, "operation_id", 7));
        });

        TestReply reply = rig.enter(Map.of("code", GOOD_CODE));

        assertEquals(200, reply.status(), reply.toString());
        assertEquals(List.of(1), countedWhileAsking, "a crash while the controller is asked leaves the guess counted");
        assertEquals(0, rig.failures("main"), "a code that opened a door is not a wrong one");
    }

    @Test
    void a_gateway_gone_after_the_locker_started_is_a_503_locker_temporarily_unavailable() throws Exception {
        FakeGateway gone = FakeGateway.start();
        for (String function : ScreenRig.CODE_FUNCTIONS) {
            gone.onHealth(function, ScreenRig.healthy());
        }
        Services services = rig.withClock(rig.with("gateway_url", gone.url()));
        try {
            Handler handler = new Handler(services);
            assertEquals(200, TestLocker.send(handler, rig.locker.unsigned("status", Map.of())).status());
            gone.close();

            TestReply reply = TestLocker.send(handler, rig.locker.unsigned("enter", Map.of("code", GOOD_CODE)));

            assertScreen(reply, 503, "upstream_unavailable", "Cacifo temporariamente indisponível", "UNAVAILABLE");
        } finally {
            gone.close();
            services.closeDb();
        }
    }

    @Test
    void a_gateway_unreachable_since_the_start_is_a_503_locker_is_starting() throws Exception {
        Services nowhere = rig.withClock(rig.with("gateway_url", "http://127.0.0.1:" + ScreenRig.closedPort()));
        try {
            TestReply reply = TestLocker.send(new Handler(nowhere), rig.locker.unsigned("enter", Map.of("code", GOOD_CODE)));

            assertScreen(reply, 503, "starting", "O cacifo está a iniciar", "STARTING");
        } finally {
            nowhere.closeDb();
        }
    }

    @Test
    void with_the_database_down_the_screen_says_unavailable_and_the_controller_is_not_asked() throws Exception {
        Services noDb = rig.withClock(rig.with("db_port", Integer.toString(ScreenRig.closedPort())));
        try {
            TestReply reply = TestLocker.send(new Handler(noDb), rig.locker.unsigned("enter", Map.of("code", GOOD_CODE)));

            assertScreen(reply, 503, "db_unavailable", "Cacifo temporariamente indisponível", "UNAVAILABLE");
            assertEquals(0, rig.controllerCalls());
        } finally {
            noDb.closeDb();
        }
    }

    @ParameterizedTest(name = "{0} -> 400 {1}")
    @CsvSource(delimiter = '|', value = {
            "[1234]                                                       | malformed_json",
            "{\"code\":                                                   | malformed_json",
            "{}                                                           | missing_field",
            "{\"code\": null}                                             | missing_field",
            "{\"code\": \"12345678\", \"screen_id\": \"lobby screen\"}    | invalid_field",
            "{\"code\": \"12345678\", \"screen_id\": \"x'; DROP TABLE screen_throttle;--\"} | invalid_field",
            "{\"code\": \"12345678\", \"screen_id\": 7}                   | invalid_field",
            "{\"code\": \"12345678\", \"screen_id\": \"lobby\"}         | invalid_field",
            "{\"code\": \"246813579\", \"screen_id\": \"MAIN\"}         | invalid_field",
            "{\"code\": \"abc\", \"screen_id\": \"simulator\"}          | invalid_field",
            "{\"screen_id\": \"screen-2\"}                                | invalid_field",
            "{\"code\": \"12345678\", \"screen_id\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"} | invalid_field",
    })
    void a_malformed_body_is_a_400_that_asks_no_one_and_changes_nothing(String body, String error) throws Exception {
        String before = rig.locker.database().dump();

        TestReply reply = rig.enter(body);

        assertScreen(reply, 400, error, "Código inválido", "INVALID");
        assertEquals(0, rig.controllerCalls());
        assertEquals(before, rig.locker.database().dump(), "the database must not change");
    }

    @Test
    void a_body_over_one_kib_is_refused_before_anything_is_counted_or_asked() throws Exception {
        String before = rig.locker.database().dump();
        String padded = "{\"code\": \"" + GOOD_CODE + "\", \"pad\": \"" + "x".repeat(ScreenActions.MAX_BODY_BYTES) + "\"}";

        TestReply reply = rig.enter(padded);

        assertScreen(reply, 413, "payload_too_large", "Código inválido", "INVALID");
        assertEquals(0, rig.controllerCalls());
        assertEquals(before, rig.locker.database().dump(), "the database must not change");
        String justFits = "{\"code\": \"" + GOOD_CODE + "\"}";
        justFits = justFits + " ".repeat(ScreenActions.MAX_BODY_BYTES - justFits.length());
        assertEquals(200, rig.enter(justFits).status(), "a body of exactly the cap is a screen's");
    }

    /**
     * faasd's own failures for a controller that is starting or died mid-code: the code may have
     * reached it, and a second enter could open a door twice, so it is asked once and the screen says
     * "temporarily unavailable" (a starting function is unavailable, not broken).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"watchdog500", "proxy500", "gateway502"})
    void a_controller_that_is_starting_is_asked_once_and_the_screen_says_temporarily_unavailable(String failure)
            throws Exception {
        FakeHttpServer.Reply faasd = "watchdog500".equals(failure) ? FaasdReplies.jvmNotAnswering()
                : "proxy500".equals(failure) ? FaasdReplies.cannotReachService("controller") : FaasdReplies.gatewayBadGateway();
        rig.gateway.on("controller", "enter", body -> Answer.fromFaasd(faasd));

        TestReply reply = rig.enter(Map.of("code", GOOD_CODE));

        assertScreen(reply, 503, "upstream_unavailable", "Cacifo temporariamente indisponível", "UNAVAILABLE");
        assertEquals(1, rig.controllerCalls(), "an enter that may have run is not sent again");
        assertEquals(1, rig.failures("main"), "a code whose answer never came stays counted");
    }

    @Test
    void a_code_typed_while_the_controller_has_no_task_yet_is_sent_again_and_opens_its_door() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        rig.gateway.on("controller", "enter", body -> asked.incrementAndGet() == 1
                ? Answer.fromFaasd(FaasdReplies.noEndpoints("controller"))
                : Answer.json(200, Map.of("door_id", 4, "kind", "PICKUP", "grace", false, "operation_id", 7)));

        TestReply reply = rig.enter(Map.of("code", GOOD_CODE));

        assertEquals(200, reply.status(), reply.toString());
        assertEquals(2, rig.controllerCalls());
        assertEquals(0, rig.failures("main"));
    }

    @Test
    void a_request_refused_before_its_action_runs_still_tells_the_screen_what_to_show() {
        TestReply unknown = TestLocker.send(rig.handler, rig.locker.unsigned("fly", Map.of("code", GOOD_CODE)));

        assertScreen(unknown, 400, "unknown_action", "Código inválido", "INVALID");
        assertEquals(0, rig.controllerCalls());
    }

    @Test
    void no_code_reaches_the_log_whatever_goes_wrong() {
        String secret = "80808080";
        List<String> logged;
        try (LogCapture log = LogCapture.start()) {
            rig.gateway.on("controller", "enter", body -> new Answer(500, "{\"error\":\"internal\",\"message\":\"x\"}"));
            rig.enter(Map.of("code", secret));
            rig.gateway.on("controller", "enter", body -> new Answer(200, "{}"));
            rig.enter(Map.of("code", secret));
            for (int i = 0; i < 5; i++) {
                rig.enter(Map.of("code", secret + "x"));
            }
            logged = log.lines();
        }

        assertFalse(logged.isEmpty(), "the failures above must be logged");
        for (String line : logged) {
            assertFalse(line.contains(secret), "a code was logged: " + line);
        }
    }
}
