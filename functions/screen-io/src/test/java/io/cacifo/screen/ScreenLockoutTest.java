package io.cacifo.screen;

import io.cacifo.kit.testing.FakeGateway;
import io.cacifo.kit.testing.FakeGateway.Answer;
import io.cacifo.kit.testing.TestReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.cacifo.screen.ScreenRig.GOOD_CODE;
import static io.cacifo.screen.ScreenRig.WRONG_CODE;
import static io.cacifo.screen.ScreenRig.assertScreen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wrong-code throttle: five wrong codes lock a screen, lockouts escalate 30 s, 5 min, 30 min,
 * only time undoes a count (a run after a quiet hour, the tier after a quiet day; a code that opens a
 * door resets nothing), and the count lives in the database. Time is moved by hand.
 */
class ScreenLockoutTest {
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

    private static TestReply enter(String code) {
        return rig.enter(Map.of("code", code));
    }

    private static TestReply fiveWrongCodes(String screen) {
        TestReply last = null;
        for (int i = 0; i < 5; i++) {
            last = rig.enter(screen, WRONG_CODE);
        }
        return last;
    }

    @ParameterizedTest(name = "code {0} -> 400 invalid_code, counted")
    @CsvSource(delimiter = '|', value = {
            "\"123\"",
            "\"abcd1234\"",
            "\"12 34 56\"",
            "\"123456789012345678901234567890123\"",
            "\"1234\\u0007\"",
            "12345678",
            "true",
            "{\"digits\": \"12345678\"}",
    })
    void a_malformed_code_is_a_400_invalid_code_and_counts_as_a_wrong_attempt(String code) throws Exception {
        TestReply reply = rig.enter("{\"screen_id\": \"side\", \"code\": " + code + "}");

        assertScreen(reply, 400, "invalid_code", "Código inválido", "INVALID");
        assertEquals(0, rig.controllerCalls());
        assertEquals(1, rig.failures("side"));
        assertEquals(0, rig.failures("main"));
    }

    @Test
    void five_wrong_codes_lock_the_screen_and_the_next_code_is_refused_without_asking_the_controller() throws Exception {
        for (int i = 1; i <= 4; i++) {
            assertScreen(enter(WRONG_CODE), 404, "invalid_code", "Código inválido", "INVALID");
        }

        TestReply fifth = enter("99");
        rig.gateway.forget();
        rig.clock.advance(Duration.ofMillis(10_500));
        TestReply goodButLocked = enter(GOOD_CODE);

        assertScreen(fifth, 429, "locked_out", "Demasiadas tentativas, tente de novo dentro de 30 s", "LOCKED");
        assertScreen(goodButLocked, 429, "locked_out", "Demasiadas tentativas, tente de novo dentro de 20 s", "LOCKED");
        assertEquals(0, rig.controllerCalls(), "a locked screen must not reach the controller");
        assertEquals(0, rig.failures("main"));
        assertEquals(1, rig.lockouts("main"));
        assertEquals("screen.locked_out", rig.locker.database().scalar("SELECT type FROM outbox_events"));
        assertEquals("main", rig.locker.database().scalar("SELECT JSON_VALUE(payload, '$.screen_id') FROM outbox_events"));
        assertEquals("30", rig.locker.database().scalar("SELECT JSON_VALUE(payload, '$.lockout_seconds') FROM outbox_events"));
    }

    @Test
    void inventing_screen_ids_does_not_escape_a_lockout_nor_start_a_fresh_count() throws Exception {
        fiveWrongCodes("main");
        rig.gateway.forget();
        String before = rig.locker.database().dump();

        List<TestReply> invented = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            invented.add(rig.enter("guesser-" + i, WRONG_CODE));
            invented.add(rig.enter("guesser-" + i, GOOD_CODE));
        }

        for (TestReply reply : invented) {
            assertScreen(reply, 400, "invalid_field", "Código inválido", "INVALID");
        }
        assertEquals(0, rig.controllerCalls(), "an unknown screen asks the controller nothing");
        assertEquals(before, rig.locker.database().dump(), "an unknown screen is counted nowhere");
        assertScreen(enter(GOOD_CODE), 429, "locked_out", "Demasiadas tentativas, tente de novo dentro de 30 s", "LOCKED");
    }

    @Test
    void fifty_codes_sent_at_once_from_one_screen_get_five_guesses_and_no_more() throws Exception {
        rig.gateway.on("controller", "enter", body -> {
            // A controller that takes a moment, so codes sent in parallel would overlap if let through.
            Thread.sleep(20);
            return Answer.json(404, Map.of("error", "invalid_code", "message", "the code opens nothing"));
        });
        ExecutorService pool = Executors.newFixedThreadPool(25);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<TestReply>> entries = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                entries.add(() -> rig.enter("main", WRONG_CODE));
            }
            for (Future<TestReply> reply : pool.invokeAll(entries)) {
                statuses.add(reply.get().status());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(5, rig.controllerCalls(), "only five codes may be checked before the lockout: " + statuses);
        assertEquals(4, statuses.stream().filter(status -> status == 404).count(), statuses.toString());
        assertEquals(46, statuses.stream().filter(status -> status == 429).count(), statuses.toString());
        assertEquals(1, rig.lockouts("main"));
    }

    @Test
    void a_grace_re_open_does_not_reset_the_count() throws Exception {
        for (int i = 0; i < 4; i++) {
            enter(WRONG_CODE);
        }

        assertEquals(200, enter(ScreenRig.GRACE_CODE).status());
        assertEquals(4, rig.failures("main"), "re-opening with a used code proves nothing new");
        assertScreen(enter(WRONG_CODE), 429, "locked_out", "Demasiadas tentativas, tente de novo dentro de 30 s", "LOCKED");
    }

    @Test
    void a_lockout_survives_a_restart_of_the_function() {
        fiveWrongCodes("main");
        rig.restart();
        rig.gateway.forget();

        TestReply reply = enter(GOOD_CODE);

        assertScreen(reply, 429, "locked_out", "Demasiadas tentativas, tente de novo dentro de 30 s", "LOCKED");
        assertEquals(0, rig.controllerCalls());
    }

    @Test
    void lockouts_escalate_from_30_seconds_to_5_minutes_to_30_minutes_and_stay_there() throws Exception {
        List<String> shown = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            TestReply last = fiveWrongCodes("hall");
            assertEquals(429, last.status(), last.toString());
            shown.add(last.text("display"));
            rig.clock.advance(Duration.ofMinutes(31));
        }

        assertEquals(List.of("Demasiadas tentativas, tente de novo dentro de 30 s", "Demasiadas tentativas, tente de novo dentro de 300 s",
                "Demasiadas tentativas, tente de novo dentro de 1800 s", "Demasiadas tentativas, tente de novo dentro de 1800 s"), shown);
        assertEquals(4, rig.lockouts("hall"));
        assertEquals("4", rig.locker.database().scalar("SELECT COUNT(*) FROM outbox_events WHERE type = 'screen.locked_out'"));
    }

    @Test
    void the_screen_takes_codes_again_once_the_lockout_has_passed() {
        fiveWrongCodes("main");

        rig.clock.advance(Duration.ofSeconds(30));
        TestReply reply = enter(GOOD_CODE);

        assertEquals(200, reply.status(), reply.toString());
    }

    @Test
    void a_code_that_opens_a_door_resets_neither_the_run_nor_the_tier() throws Exception {
        fiveWrongCodes("main");
        rig.clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 4; i++) {
            enter(WRONG_CODE);
        }

        assertEquals(200, enter(GOOD_CODE).status());
        assertEquals(4, rig.failures("main"), "only the good code itself is not counted");
        assertEquals(1, rig.lockouts("main"));
        TestReply fifth = enter(WRONG_CODE);

        assertScreen(fifth, 429, "locked_out", "Demasiadas tentativas, tente de novo dentro de 300 s", "LOCKED");
    }

    @Test
    void a_run_of_wrong_codes_is_forgotten_after_an_hour_without_one() throws Exception {
        for (int i = 0; i < 4; i++) {
            rig.enter("left", WRONG_CODE);
            rig.enter("right", WRONG_CODE);
        }
        rig.clock.advance(LockoutTiers.RUN_QUIET.minusMinutes(1));
        TestReply withinTheHour = rig.enter("left", WRONG_CODE);
        rig.clock.advance(Duration.ofMinutes(1).plusSeconds(1));

        List<Integer> afterTheHour = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            afterTheHour.add(rig.enter("right", WRONG_CODE).status());
        }

        assertScreen(withinTheHour, 429, "locked_out", "Demasiadas tentativas, tente de novo dentro de 30 s", "LOCKED");
        assertEquals(List.of(404, 404, 404, 404), afterTheHour);
        assertEquals(4, rig.failures("right"));
    }

    @Test
    void codes_whose_answer_never_came_lock_the_screen_before_another_is_checked() throws Exception {
        rig.gateway.on("controller", "enter", body -> new Answer(502, "Bad Gateway"));
        for (int i = 0; i < 5; i++) {
            assertEquals(503, enter(WRONG_CODE).status());
        }
        rig.gateway.forget();

        TestReply next = enter(GOOD_CODE);

        assertScreen(next, 429, "locked_out", "Demasiadas tentativas, tente de novo dentro de 30 s", "LOCKED");
        assertEquals(0, rig.controllerCalls(), "five codes nobody could judge count as five wrong ones");
    }

    /**
     * SECURITY.md's bound, played as a guesser would at one screen for a day of the screen's clock:
     * after every four wrong codes they type a valid code of their own (a courier's back-up code), a
     * customer opens a door every 7 minutes (a busy locker, about 200 a day), each code takes 2 s
     * to type, and every lockout is waited out. Five guesses per lockout: 30 s, 5 min, then 30 min
     * each, so at most 5 x (2 + 48) = 250 in the first day, and 240 a day after.
     */
    @Test
    void a_guesser_with_valid_codes_of_their_own_on_a_busy_locker_gets_at_most_250_guesses_a_day() {
        Instant end = rig.clock.instant().plus(Duration.ofDays(1));
        Instant nextCustomer = rig.clock.instant().plus(Duration.ofMinutes(7));
        int guesses = 0;
        int sinceOwnCode = 0;
        while (rig.clock.instant().isBefore(end) && guesses <= 1000) {
            TestReply reply;
            if (!rig.clock.instant().isBefore(nextCustomer)) {
                reply = enter(GOOD_CODE);
                nextCustomer = nextCustomer.plus(Duration.ofMinutes(7));
            } else if (sinceOwnCode == 4) {
                reply = enter(GOOD_CODE);
                sinceOwnCode = 0;
            } else {
                long before = rig.controllerCalls();
                reply = enter(WRONG_CODE);
                if (rig.controllerCalls() > before) {
                    guesses++;
                    sinceOwnCode++;
                }
            }
            rig.clock.advance(Duration.ofSeconds(2));
            if (reply.status() == 429) {
                rig.clock.advance(Duration.ofSeconds(secondsToWait(reply)));
            }
        }

        assertTrue(guesses <= 250, "a guesser got " + guesses + " codes checked in a day");
        assertTrue(guesses >= 200, "the simulation must let the guesser play: " + guesses);
    }

    private static long secondsToWait(TestReply lockedOut) {
        java.util.regex.Matcher seconds = java.util.regex.Pattern.compile("tente de novo dentro de (\\d+) s").matcher(lockedOut.text("display"));
        assertTrue(seconds.find(), lockedOut.toString());
        return Long.parseLong(seconds.group(1));
    }

    @Test
    void after_a_quiet_day_a_screen_starts_again_from_the_first_tier() {
        fiveWrongCodes("main");
        rig.clock.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            enter(WRONG_CODE);
        }
        rig.clock.advance(Duration.ofHours(25));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(enter(WRONG_CODE).status());
        }

        assertEquals(List.of(404, 404, 404, 404, 429), statuses, "the 3 stale wrong codes no longer count");
        assertScreen(enter(WRONG_CODE), 429, "locked_out", "Demasiadas tentativas, tente de novo dentro de 30 s", "LOCKED");
    }

    @Test
    void each_screen_has_its_own_count() throws Exception {
        fiveWrongCodes("left");

        TestReply right = rig.enter("right", GOOD_CODE);

        assertEquals(200, right.status(), right.toString());
        assertEquals(1, rig.lockouts("left"));
        assertEquals(0, rig.lockouts("right"));
    }

    @Test
    void five_wrong_codes_at_once_are_all_counted_and_lock_the_screen_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Callable<TestReply>> entries = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                entries.add(() -> rig.enter("rush", WRONG_CODE));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<TestReply> reply : pool.invokeAll(entries)) {
                statuses.add(reply.get().status());
            }

            statuses.sort(Integer::compare);
            assertEquals(List.of(404, 404, 404, 404, 429), statuses);
            assertEquals(1, rig.lockouts("rush"));
            assertEquals(0, rig.failures("rush"));
            assertEquals("1", rig.locker.database().scalar("SELECT COUNT(*) FROM outbox_events"));
        } finally {
            pool.shutdownNow();
        }
    }
}
