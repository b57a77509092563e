package io.cacifo.controller;

import io.cacifo.kit.testing.FaasdReplies;
import io.cacifo.kit.testing.FakeGateway;
import io.cacifo.kit.testing.FakeGateway.Answer;
import io.cacifo.kit.testing.LogCapture;
import com.openfaas.function.Handler;
import com.openfaas.model.Request;
import io.cacifo.kit.Services;
import io.cacifo.kit.config.Config;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static io.cacifo.controller.ControllerRig.BACKUP;
import static io.cacifo.controller.ControllerRig.DEPOSIT;
import static io.cacifo.controller.ControllerRig.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The controller's enter when a caller, reservation-manager or door-io fails: what it answers and what it journals. */
class ControllerFailureTest {
    private static ControllerRig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = ControllerRig.start();
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    @BeforeEach
    void freshLocker() throws Exception {
        rig.resetData();
    }

    @ParameterizedTest(name = "validate {0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "404 | {\"error\":\"invalid_code\",\"message\":\"no\"}   | 404 | invalid_code",
            "400 | {\"error\":\"invalid_code\",\"message\":\"4-32\"} | 400 | invalid_code",
            "404 | error finding function reservation-manager.openfaas-fn: not found | 503 | upstream_unavailable",
            "503 | {\"error\":\"db_unavailable\",\"message\":\"x\"}  | 503 | upstream_unavailable",
            "500 | {\"error\":\"internal\",\"message\":\"x\"}        | 503 | upstream_unavailable",
            "401 | {\"error\":\"unauthorized\",\"message\":\"x\"}    | 503 | upstream_unavailable",
            "200 | {\"door_id\":4,\"kind\":\"DEPOSIT\"}              | 503 | upstream_unavailable",
            "200 | {\"reservation_id\":10,\"door_id\":4,\"kind\":\"PARCEL\"} | 503 | upstream_unavailable",
    })
    void a_code_reservation_manager_does_not_vouch_for_opens_no_door(int rmStatus, String rmBody, int status, String error)
            throws Exception {
        rig.gateway.on("reservation-manager", "validate", body -> new Answer(rmStatus, rmBody));
        String before = rig.locker.database().dump();

        TestReply reply = rig.enter(DEPOSIT);

        assertEquals(status, reply.status(), reply.toString());
        assertEquals(error, reply.error(), reply.toString());
        assertFalse(reply.text("message").isBlank());
        assertEquals(List.of("reservation-manager/validate"), rig.gateway.callNames());
        assertEquals(before, rig.locker.database().dump(), "the database must not change");
    }

    @Test
    void an_unreachable_gateway_is_a_503_and_journals_nothing() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Config base = rig.locker.services().config();
        Services nowhere = new Services(key -> "gateway_url".equals(key)
                ? Optional.of("http://127.0.0.1:" + closedPort) : base.find(key), rig.locker.services().secrets(),
                rig.locker.services().clock());
        String before = rig.locker.database().dump();
        try {
            TestReply reply = TestLocker.send(new Handler(nowhere), rig.locker.signed("enter", Map.of("code", DEPOSIT)));

            assertEquals(503, reply.status(), reply.toString());
            assertEquals("upstream_unavailable", reply.error());
            assertEquals(before, rig.locker.database().dump());
        } finally {
            nowhere.closeDb();
        }
    }

    @ParameterizedTest(name = "door-io open {0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "503 | {\"error\":\"board_unavailable\",\"message\":\"x\"} | 503 | board_unavailable",
            "404 | {\"error\":\"not_found\",\"message\":\"x\"}         | 503 | board_unavailable",
            "500 | {\"error\":\"internal\",\"message\":\"x\"}          | 503 | upstream_unavailable",
    })
    void a_door_that_does_not_open_is_a_503_and_the_operation_is_journaled_failed(int ioStatus, String ioBody,
            int status, String error) throws Exception {
        rig.gateway.on("door-io", "open", body -> new Answer(ioStatus, ioBody));

        TestReply reply = rig.enter(DEPOSIT);

        assertEquals(status, reply.status(), reply.toString());
        assertEquals(error, reply.error(), reply.toString());
        assertEquals(List.of("reservation-manager/validate", "door-io/open"), rig.gateway.callNames());
        assertEquals("FAILED", rig.scalar("SELECT state FROM door_operations"));
        assertNotNull(rig.scalar("SELECT finished_at FROM door_operations"));
        assertEquals("0", rig.scalar("SELECT COUNT(*) FROM outbox_events"));

        rig.gateway.on("door-io", "open", body -> Answer.json(200, Map.of("door_id", 4, "open", true)));
        TestReply retry = rig.enter(DEPOSIT);

        assertEquals(200, retry.status(), "a failed operation does not hold the door: " + retry);
        rig.awaitOperation(retry.number("operation_id"), "DONE");
    }

    @ParameterizedTest(name = "{0} -> 400 {1}")
    @CsvSource(delimiter = '|', value = {
            "{}                                              | missing_field",
            "{\"code\": 11111111}                            | invalid_field",
            "{\"code\": \"\"}                                | invalid_field",
            "[\"11111111\"]                                  | malformed_json",
            "{\"code\"                                       | malformed_json",
    })
    void bad_input_is_a_400_that_calls_no_one_and_changes_nothing(String body, String error) throws Exception {
        String before = rig.locker.database().dump();

        TestReply reply = rig.call("enter", body);

        assertEquals(400, reply.status(), reply.toString());
        assertEquals(error, reply.error(), reply.toString());
        assertEquals(List.of(), rig.gateway.callNames());
        assertEquals(before, rig.locker.database().dump());
    }

    @Test
    void unsigned_forged_and_misaddressed_enters_are_refused_and_open_nothing() throws Exception {
        String before = rig.locker.database().dump();
        Request signed = rig.locker.signed("enter", Map.of("code", DEPOSIT));
        Request forged = new Request("{\"code\":\"" + BACKUP + "\"}", signed.getHeaders(), signed.getQueryRaw(),
                signed.getPathRaw());

        for (Request request : List.of(rig.locker.unsigned("enter", Map.of("code", DEPOSIT)), forged,
                rig.locker.signedFor("screen-io", "action=enter", Map.of("code", DEPOSIT)))) {
            TestReply reply = TestLocker.send(rig.handler, request);
            assertEquals(401, reply.status(), reply.toString());
            assertEquals("unauthorized", reply.error());
        }

        assertEquals(List.of(), rig.gateway.callNames());
        assertEquals(before, rig.locker.database().dump());
    }

    /** The first two calls get what of-watchdog answers while the JVM does not listen yet; then {@code script}. */
    private static FakeGateway.Script startingThen(FakeGateway.Script script) {
        AtomicInteger calls = new AtomicInteger();
        return body -> calls.incrementAndGet() <= 2 ? Answer.fromFaasd(FaasdReplies.jvmNotAnswering()) : script.answer(body);
    }

    @Test
    void a_code_checked_while_reservation_manager_is_still_starting_opens_its_door_once_it_listens() throws Exception {
        rig.gateway.on("reservation-manager", "validate", startingThen(body -> Answer.json(200, Map.of("reservation_id", 10,
                "external_id", "parcel-10", "door_id", 4, "kind", "DEPOSIT", "status", "ARRIVING", "grace", false))));

        TestReply reply = rig.enter(DEPOSIT);

        assertEquals(200, reply.status(), reply.toString());
        assertEquals(3, rig.calls("reservation-manager/validate"), "validate only reads, so it is asked again");
        assertEquals(1, rig.calls("door-io/open"));
        rig.awaitOperation(reply.number("operation_id"), "DONE");
    }

    @Test
    void a_door_opened_while_door_io_is_still_starting_opens_once_it_listens_and_the_deposit_completes() throws Exception {
        rig.gateway.on("door-io", "open", startingThen(body -> Answer.json(200, Map.of("door_id", 4, "open", true))));

        TestReply reply = rig.enter(DEPOSIT);

        assertEquals(200, reply.status(), reply.toString());
        assertEquals(3, rig.calls("door-io/open"), "opening an open door for the same operation changes nothing");
        rig.awaitOperation(reply.number("operation_id"), "DONE");
        assertEquals(1, rig.calls("reservation-manager/complete"));
    }

    @ParameterizedTest(name = "reservation-manager behind {0}")
    @CsvSource({"watchdog500", "gateway502"})
    void a_reservation_manager_that_never_comes_up_is_asked_again_for_the_wake_budget_then_the_code_is_a_503(
            String failure) throws Exception {
        FakeGateway.Answer down = Answer.fromFaasd("watchdog500".equals(failure)
                ? FaasdReplies.jvmNotAnswering() : FaasdReplies.gatewayBadGateway());
        rig.gateway.on("reservation-manager", "validate", body -> down);
        String before = rig.locker.database().dump();

        TestReply reply = rig.enter(DEPOSIT);

        assertEquals(503, reply.status(), reply.toString());
        assertEquals("upstream_unavailable", reply.error(), reply.toString());
        assertTrue(rig.calls("reservation-manager/validate") > 1, "calls: " + rig.gateway.callNames());
        assertEquals(0, rig.calls("door-io/open"));
        assertEquals(before, rig.locker.database().dump(), "the database must not change");
    }

    @Test
    void when_reservation_manager_cannot_move_the_parcel_it_is_retried_and_the_operation_stays_waiting() throws Exception {
        rig.gateway.on("reservation-manager", "complete",
                body -> Answer.json(503, Map.of("error", "db_unavailable", "message", "down")));
        String marker = rig.markOutbox();

        TestReply reply = rig.enter(DEPOSIT);

        assertEquals(200, reply.status(), reply.toString());
        rig.awaitFollowUpEnd(marker);
        assertEquals("WAITING", rig.operationState(reply.number("operation_id")));
        assertEquals(3, rig.calls("reservation-manager/complete"), "three attempts, then it is left for reconciliation");
    }

    @Test
    void a_move_reservation_manager_refuses_is_not_retried_and_the_operation_stays_waiting() throws Exception {
        rig.gateway.on("reservation-manager", "complete",
                body -> Answer.json(404, Map.of("error", "not_found", "message", "no such operation")));
        String marker = rig.markOutbox();

        TestReply reply = rig.enter(DEPOSIT);

        rig.awaitFollowUpEnd(marker);
        assertEquals("WAITING", rig.operationState(reply.number("operation_id")));
        assertEquals(1, rig.calls("reservation-manager/complete"));
    }

    @Test
    void when_door_io_cannot_say_whether_the_door_closed_the_status_still_changes_and_the_operation_stays_waiting()
            throws Exception {
        rig.gateway.on("door-io", "close", body -> Answer.json(503, Map.of("error", "board_unavailable", "message", "x")));

        TestReply reply = rig.enter(DEPOSIT);

        assertEquals(200, reply.status(), reply.toString());
        eventually("the complete call", () -> rig.calls("reservation-manager/complete") == 1);
        eventually("the parcel event at the back-end", () -> rig.backend.eventIds().size() == 1);
        assertEquals("WAITING", rig.operationState(reply.number("operation_id")));
        assertEquals("0", rig.scalar("SELECT COUNT(*) FROM outbox_events WHERE type = 'door.left_open'"));
    }

    @Test
    void a_code_never_reaches_the_log_whatever_fails() throws Exception {
        List<String> logged;
        try (LogCapture log = LogCapture.start()) {
            rig.gateway.on("door-io", "close", body -> Answer.json(200, Map.of("door_id", 4, "closed", false)));
            rig.gateway.on("reservation-manager", "complete", body -> new Answer(500, "oops"));
            String marker = rig.markOutbox();
            long first = rig.enter(DEPOSIT).number("operation_id");
            rig.awaitFollowUpEnd(marker);
            rig.locker.database().execute("UPDATE door_operations SET state = 'DONE' WHERE id = " + first);
            rig.gateway.on("door-io", "open", body -> new Answer(503, "{\"error\":\"board_unavailable\"}"));
            rig.enter(DEPOSIT);
            rig.gateway.on("reservation-manager", "validate", body -> new Answer(500, "{\"error\":\"internal\"}"));
            rig.enter(DEPOSIT);
            logged = log.lines();
        }

        assertFalse(logged.isEmpty(), "the failures above must be logged");
        for (String line : logged) {
            assertFalse(line.contains(DEPOSIT), "a code was logged: " + line);
        }
    }
}
