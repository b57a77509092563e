package io.cacifo.screen;

import com.openfaas.function.Handler;
import io.cacifo.kit.Services;
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

import java.util.Map;

import static io.cacifo.screen.ScreenRig.GOOD_CODE;
import static io.cacifo.screen.ScreenRig.WRONG_CODE;
import static io.cacifo.screen.ScreenRig.assertScreen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The screen in Portuguese (the default) and English, and the answers for a real parcel's code that
 * opens nothing now (deadline passed, parcel not arrived, door jammed) or opens another door: each is
 * said in the screen's language and none counts as a wrong guess. A {@code lang} other than pt or en
 * is refused before anything is counted or asked.
 */
class ScreenLanguageTest {
    private static final String PHONE = "+351 210 000 000";
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

    private static TestReply enterIn(String lang, String code) {
        return rig.enter(Map.of("code", code, "lang", lang));
    }

    @ParameterizedTest(name = "{0}: {1} / {2}")
    @CsvSource(delimiter = '|', value = {
            "pt | O cacifo está a iniciar | Introduza o seu código",
            "en | Locker is starting      | Enter your code"})
    void the_idle_screen_speaks_the_language_it_asks_for(String lang, String starting, String ready) {
        rig.gateway.onHealth("door-io", ScreenRig.notListening());
        assertEquals("{\"ready\":false,\"display\":\"" + starting + "\"}", rig.statusWith(Map.of("lang", lang)).body());

        rig.gateway.onHealth("door-io", ScreenRig.healthy());
        rig.clock.advance(LockerStartup.PROBE_INTERVAL);
        assertEquals("{\"ready\":true,\"display\":\"" + ready + "\"}", rig.statusWith(Map.of("lang", lang)).body());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "pt | Porta 4 aberta",
            "en | Door 4 is open"})
    void a_good_code_opens_its_door_in_either_language_and_the_controller_is_not_told_the_language(String lang,
                                                                                                  String display) throws Exception {
        TestReply reply = enterIn(lang, GOOD_CODE);

        assertEquals("{\"display\":\"" + display + "\",\"state\":\"OPEN\",\"door_id\":4}", reply.body());
        assertEquals(0, rig.failures("main"));
        assertTrue(!rig.gateway.calls().get(0).body.has("lang"), rig.gateway.calls().toString());
    }

    @ParameterizedTest(name = "{0} {2} -> {4} \"{5}\"")
    @CsvSource(delimiter = '|', value = {
            "pt | 409 | {\"error\":\"pickup_expired\",\"message\":\"m\",\"kind\":\"PICKUP\"}   | 409 | EXPIRED     | O prazo de levantamento terminou; a encomenda volta ao remetente",
            "en | 409 | {\"error\":\"pickup_expired\",\"message\":\"m\",\"kind\":\"PICKUP\"}   | 409 | EXPIRED     | The pick-up time has ended; the parcel goes back to the sender",
            "pt | 409 | {\"error\":\"not_arrived\",\"message\":\"m\",\"kind\":\"PICKUP\"}      | 409 | NOT_ARRIVED | A sua encomenda ainda não está no cacifo",
            "en | 409 | {\"error\":\"not_arrived\",\"message\":\"m\",\"kind\":\"PICKUP\"}      | 409 | NOT_ARRIVED | Your parcel is not in the locker yet",
            "pt | 409 | {\"error\":\"deposit_expired\",\"message\":\"m\",\"kind\":\"DEPOSIT\"} | 409 | EXPIRED     | Esta entrega passou o prazo; contacte o remetente",
            "en | 409 | {\"error\":\"deposit_expired\",\"message\":\"m\",\"kind\":\"DEPOSIT\"} | 409 | EXPIRED     | This delivery is past its deadline; contact the sender",
            "pt | 503 | {\"error\":\"door_jammed\",\"message\":\"m\",\"door_id\":4,\"fault\":\"jammed\"} | 503 | JAMMED | A porta 4 está avariada. Contacte o apoio ao cliente",
            "en | 503 | {\"error\":\"door_jammed\",\"message\":\"m\",\"door_id\":4,\"fault\":\"jammed\"} | 503 | JAMMED | Door 4 is out of order. Please call support",
            "pt | 409 | {\"error\":\"door_busy\",\"message\":\"m\",\"door_id\":6}              | 409 | BUSY        | A porta 6 já está aberta",
            "en | 409 | {\"error\":\"door_busy\",\"message\":\"m\",\"door_id\":6}              | 409 | BUSY        | Door 6 is already open",
    })
    void a_real_parcels_code_that_opens_nothing_now_says_why_and_is_not_counted(String lang, int controllerStatus,
            String controllerBody, int status, String state, String display) throws Exception {
        rig.gateway.on("controller", "enter", body -> new Answer(controllerStatus, controllerBody));
        String error = controllerBody.replaceAll("^\\{\"error\":\"([a-z_]+)\".*", "$1");

        TestReply reply = enterIn(lang, GOOD_CODE);

        assertScreen(reply, status, error, display, state);
        assertEquals(1, rig.controllerCalls());
        assertEquals(0, rig.failures("main"), "the code named a real parcel: not a wrong guess");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "pt | A porta 4 está avariada — use a porta 7",
            "en | Door 4 is out of order — use door 7"})
    void a_deposit_sent_to_another_door_because_its_own_is_jammed_says_which(String lang, String display) throws Exception {
        rig.gateway.on("controller", "enter", body -> Answer.json(200, Map.of("door_id", 7, "kind", "DEPOSIT",
                "grace", false, "operation_id", 9, "replaced_door_id", 4)));

        TestReply reply = enterIn(lang, GOOD_CODE);

        assertEquals(200, reply.status(), reply.toString());
        assertEquals("{\"display\":\"" + display + "\",\"state\":\"OPEN\",\"door_id\":7,\"replaced_door_id\":4}", reply.body());
        assertEquals(0, rig.failures("main"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "pt | A porta 4 está avariada. Contacte o apoio ao cliente: +351 210 000 000",
            "en | Door 4 is out of order. Please call support: +351 210 000 000"})
    void a_jammed_pick_up_door_shows_the_support_number_when_one_is_set(String lang, String display) throws Exception {
        rig.gateway.on("controller", "enter", body -> Answer.json(503, Map.of("error", "door_jammed", "message", "m",
                "door_id", 4, "fault", "jammed")));
        Services services = rig.withClock(rig.with(ScreenSettings.SUPPORT_PHONE.key(), PHONE));
        try {
            TestReply reply = TestLocker.send(new Handler(services), rig.locker.unsigned("enter",
                    Map.of("code", GOOD_CODE, "lang", lang)));

            assertScreen(reply, 503, "door_jammed", display, "JAMMED");
            assertEquals(4, reply.number("door_id"));
            assertEquals(0, rig.failures("main"));
        } finally {
            services.closeDb();
        }
    }

    @Test
    void a_jammed_door_the_controller_does_not_name_is_an_unreadable_answer_and_the_code_stays_counted() throws Exception {
        rig.gateway.on("controller", "enter", body -> Answer.json(503, Map.of("error", "door_jammed", "message", "m")));

        TestReply reply = enterIn("en", GOOD_CODE);

        assertScreen(reply, 503, "upstream_unavailable", "Locker temporarily unavailable", "UNAVAILABLE");
        assertEquals(1, rig.failures("main"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+351 210 000 000", "210000000", "(21) 000-00.00"})
    void a_support_phone_that_looks_like_a_number_is_taken(String phone) {
        assertEquals(phone, CodeEntry.supportPhone(" " + phone + " ").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"call us", "<b>123</b>", "12", "+351 210 000 000 ext. 5", "1234567890123456789012345678901234"})
    void a_support_phone_that_is_not_a_number_fails_at_start(String phone) {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new Handler(rig.withClock(rig.with(ScreenSettings.SUPPORT_PHONE.key(), phone))));

        assertTrue(refused.getMessage().contains("support_phone"), refused.getMessage());
    }

    @Test
    void wrong_codes_and_the_lockout_are_said_in_english_when_asked() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertScreen(enterIn("en", WRONG_CODE), 404, "invalid_code", "Invalid code", "INVALID");
        }

        assertScreen(enterIn("en", WRONG_CODE), 429, "locked_out", "Too many attempts, try again in 30 s", "LOCKED");
        assertScreen(enterIn("pt", GOOD_CODE), 429, "locked_out", "Demasiadas tentativas, tente de novo dentro de 30 s", "LOCKED");
        assertEquals(1, rig.lockouts("main"));
    }

    @Test
    void failures_on_the_way_are_said_in_the_screens_language_too() throws Exception {
        Services noDb = rig.withClock(rig.with("db_port", Integer.toString(ScreenRig.closedPort())));
        try {
            TestReply reply = TestLocker.send(new Handler(noDb), rig.locker.unsigned("enter", Map.of("code", GOOD_CODE, "lang", "en")));

            assertScreen(reply, 503, "db_unavailable", "Locker temporarily unavailable", "UNAVAILABLE");
        } finally {
            noDb.closeDb();
        }
        assertScreen(rig.enter(Map.of("code", GOOD_CODE, "lang", "en", "screen_id", "lobby")), 400, "invalid_field",
                "Invalid code", "INVALID");
        rig.gateway.onHealth("controller", ScreenRig.notListening());
        rig.restart();
        assertScreen(enterIn("en", GOOD_CODE), 503, "starting", "Locker is starting", "STARTING");
    }

    @ParameterizedTest(name = "lang {0}")
    @ValueSource(strings = {"\"fr\"", "\"EN\"", "\"pt-PT\"", "\"\"", "1", "false", "[\"pt\"]"})
    void a_lang_other_than_pt_or_en_is_a_400_before_anything_is_counted_or_asked(String lang) throws Exception {
        for (int i = 0; i < 4; i++) {
            rig.enter(Map.of("code", WRONG_CODE));
        }
        rig.gateway.forget();
        String before = rig.locker.database().dump();

        TestReply enter = rig.enter("{\"code\": \"" + GOOD_CODE + "\", \"lang\": " + lang + "}");
        TestReply status = TestLocker.send(rig.handler, rig.locker.unsigned("status", "{\"lang\": " + lang + "}"));

        assertScreen(enter, 400, "invalid_field", "Código inválido", "INVALID");
        assertEquals(400, status.status(), status.toString());
        assertEquals("invalid_field", status.error(), status.toString());
        assertEquals(0, rig.controllerCalls(), "nothing was asked");
        assertEquals(before, rig.locker.database().dump(), "nothing was counted");
        assertEquals(4, rig.failures("main"));
    }
}
