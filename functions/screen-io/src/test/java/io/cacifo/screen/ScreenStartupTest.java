package io.cacifo.screen;

import com.openfaas.function.Handler;
import io.cacifo.kit.testing.FakeGateway.Answer;
import io.cacifo.kit.testing.TestLocker;
import io.cacifo.kit.testing.TestReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.cacifo.screen.ScreenRig.CODE_FUNCTIONS;
import static io.cacifo.screen.ScreenRig.GOOD_CODE;
import static io.cacifo.screen.ScreenRig.WRONG_CODE;
import static io.cacifo.screen.ScreenRig.assertScreen;
import static io.cacifo.screen.ScreenRig.healthy;
import static io.cacifo.screen.ScreenRig.notListening;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a boot the functions a code needs come up one by one (on faasd each on its first call):
 * until every one of them has answered its health probe the screen says the locker is starting,
 * and a typed code is not passed on.
 */
class ScreenStartupTest {
    private static final String STARTING = "{\"ready\":false,\"display\":\"O cacifo está a iniciar\"}";
    private static final String READY = "{\"ready\":true,\"display\":\"Introduza o seu código\"}";
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
    void the_screen_says_starting_until_controller_reservation_manager_and_door_io_have_each_answered_their_probe() {
        rig.gateway.onHealth("reservation-manager", notListening());

        assertStatus(STARTING, rig.status());
        assertEquals(CODE_FUNCTIONS, rig.gateway.healthProbes());

        // door-io answered once: it counts, even when it does not answer again.
        rig.gateway.onHealth("door-io", notListening());
        rig.gateway.onHealth("reservation-manager", healthy());
        rig.clock.advance(LockerStartup.PROBE_INTERVAL);

        assertStatus(READY, rig.status());
        assertEquals(List.of("controller", "reservation-manager", "door-io", "reservation-manager"),
                rig.gateway.healthProbes(), "only the functions that had not answered are probed again");
    }

    @Test
    void a_gateway_that_answers_no_probe_keeps_the_screen_starting() throws Exception {
        for (String function : CODE_FUNCTIONS) {
            rig.gateway.onHealth(function, notListening());
        }
        rig.gateway.onHealth("door-io", body -> new Answer(503, "No endpoints available for: door-io."));

        for (int round = 0; round < 3; round++) {
            assertStatus(STARTING, rig.status());
            rig.clock.advance(LockerStartup.PROBE_INTERVAL);
        }
        assertEquals(9, rig.gateway.healthProbes().size(), rig.gateway.healthProbes().toString());
    }

    @Test
    void once_ready_the_screen_stays_ready_and_probes_no_more() {
        assertStatus(READY, rig.status());
        for (String function : CODE_FUNCTIONS) {
            rig.gateway.onHealth(function, notListening());
        }

        for (int i = 0; i < 5; i++) {
            rig.clock.advance(Duration.ofMinutes(1));
            assertStatus(READY, rig.status());
        }
        assertEquals(CODE_FUNCTIONS, rig.gateway.healthProbes());
    }

    @Test
    void many_polls_at_once_share_one_probe_round_and_later_polls_wait_two_seconds_for_the_next() throws Exception {
        rig.gateway.onHealth("controller", body -> {
            Thread.sleep(300); // slow, so the polls below arrive while the round runs
            return new Answer(500, "");
        });
        ExecutorService screens = Executors.newFixedThreadPool(20);
        try {
            List<Future<TestReply>> polls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                polls.add(screens.submit(rig::status));
            }
            for (Future<TestReply> poll : polls) {
                assertStatus(STARTING, poll.get());
            }
        } finally {
            screens.shutdownNow();
        }
        assertEquals(CODE_FUNCTIONS, rig.gateway.healthProbes(), "20 polls at once: one round");

        for (int i = 0; i < 50; i++) {
            rig.status();
        }
        rig.clock.advance(LockerStartup.PROBE_INTERVAL.minusMillis(1));
        rig.status();
        assertEquals(1, Collections.frequency(rig.gateway.healthProbes(), "controller"), "polls within two seconds probe nothing");

        rig.clock.advance(Duration.ofMillis(1));
        rig.status();
        assertEquals(2, Collections.frequency(rig.gateway.healthProbes(), "controller"), "two seconds later: the next round");
    }

    @Test
    void a_probe_that_hangs_is_cut_after_the_probe_timeout() {
        // Ten probe timeouts: one probe that waited for its answer would take this long on its own.
        Duration hang = LockerStartup.PROBE_TIMEOUT.multipliedBy(10);
        for (String function : CODE_FUNCTIONS) {
            rig.gateway.onHealth(function, body -> {
                Thread.sleep(hang.toMillis());
                return new Answer(200, "{}");
            });
        }
        long started = System.nanoTime();

        assertStatus(STARTING, rig.status());

        // Each probe is cut at its timeout (a round is about 3 s); a slow machine adds to that, but not 7 s.
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(hang) < 0, "status took " + took.toMillis() + " ms: a probe waited for the hanging function");
    }

    @Test
    void a_code_typed_while_the_locker_is_starting_is_not_passed_on_and_not_counted() throws Exception {
        rig.gateway.onHealth("door-io", notListening());

        for (String code : new String[]{GOOD_CODE, WRONG_CODE, WRONG_CODE, WRONG_CODE, WRONG_CODE, WRONG_CODE, WRONG_CODE}) {
            assertScreen(rig.enter("main", code), 503, "starting", "O cacifo está a iniciar", "STARTING");
        }

        assertEquals(0, rig.controllerCalls(), "the controller was asked while the locker was starting");
        assertEquals(0, rig.failures("main"), "a code not passed on is not a guess");
        assertEquals(0, rig.lockouts("main"));
    }

    @Test
    void a_code_typed_once_every_function_answered_is_checked_without_a_status_poll_first() {
        TestReply reply = rig.enter("main", GOOD_CODE);

        assertEquals(200, reply.status(), reply.toString());
        assertEquals(CODE_FUNCTIONS, rig.gateway.healthProbes());
        assertEquals(1, rig.controllerCalls());
    }

    @Test
    void the_status_names_no_function_and_no_count() {
        rig.gateway.onHealth("controller", notListening());

        String starting = rig.status().body();
        rig.gateway.onHealth("controller", healthy());
        rig.clock.advance(LockerStartup.PROBE_INTERVAL);
        String ready = rig.status().body();

        assertEquals(STARTING, starting);
        assertEquals(READY, ready);
        for (String body : new String[]{starting, ready}) {
            for (String function : CODE_FUNCTIONS) {
                assertTrue(!body.contains(function), body);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty body      | ''             | 200 | ",
            "empty object    | {}             | 200 | ",
            "not JSON        | ready?         | 400 | malformed_json",
            "a JSON array    | []             | 400 | malformed_json"})
    void the_status_takes_an_empty_body_or_an_object(String name, String body, int status, String error) {
        TestReply reply = TestLocker.send(rig.handler, rig.locker.unsigned("status", body));

        assertEquals(status, reply.status(), reply.toString());
        assertEquals(error, reply.error(), reply.toString());
        assertTrue(reply.json().has("display"), reply.toString());
    }

    @Test
    void a_status_body_over_one_kib_is_refused_before_any_probe() {
        String big = "{\"pad\":\"" + "x".repeat(ScreenActions.MAX_BODY_BYTES) + "\"}";

        TestReply reply = TestLocker.send(rig.handler, rig.locker.unsigned("status", big));

        assertEquals(413, reply.status(), reply.toString());
        assertEquals("payload_too_large", reply.error());
        assertEquals(List.of(), rig.gateway.healthProbes());
    }

    @ParameterizedTest
    @ValueSource(strings = {" , ", "controller,Door_IO", "controller,../system"})
    void a_code_functions_setting_that_names_no_function_or_a_malformed_one_fails_at_start(String setting) {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new Handler(rig.withClock(rig.with(ScreenSettings.CODE_FUNCTIONS.key(), setting))));

        assertTrue(refused.getMessage().contains("code_functions"), refused.getMessage());
    }

    private static void assertStatus(String expected, TestReply reply) {
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/json"), reply.toString());
        assertEquals(expected, reply.body());
    }
}
