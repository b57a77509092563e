package io.cacifo.screen;

import io.cacifo.kit.testing.MetricsText;
import io.cacifo.kit.testing.TestReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static io.cacifo.screen.ScreenRig.GOOD_CODE;
import static io.cacifo.screen.ScreenRig.WRONG_CODE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** screen-io's series at /metrics: how many screens wrong codes have locked out, and nothing about who or which code. */
class ScreenMetricsTest {
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

    private static void fiveWrongCodes(String screen) {
        TestReply last = null;
        for (int i = 0; i < 5; i++) {
            last = rig.enter(screen, WRONG_CODE);
        }
        // the fifth wrong code of a run starts the lockout
        assertEquals("locked_out", last.error(), last.toString());
    }

    @Test
    void a_screen_locked_out_by_wrong_codes_is_counted_until_its_lockout_ends() {
        assertEquals(Optional.of(0.0), MetricsText.scrape().value("cacifo_screens_locked_out"));

        fiveWrongCodes("side");
        MetricsText locked = MetricsText.scrape();

        assertEquals(Optional.of(1.0), locked.value("cacifo_screens_locked_out"), locked.text());
        assertEquals(Optional.of(1.0), locked.value("cacifo_db_up"), locked.text());

        rig.clock.advance(Duration.ofSeconds(31));
        assertEquals(Optional.of(0.0), MetricsText.scrape().value("cacifo_screens_locked_out"));
    }

    @Test
    void a_scrape_names_no_screen_and_no_code_typed_on_it() {
        assertEquals(200, rig.enter("main", GOOD_CODE).status());
        fiveWrongCodes("side");

        MetricsText scrape = MetricsText.scrape();

        for (String secret : new String[] {GOOD_CODE, WRONG_CODE, "\"side\"", "\"main\""}) {
            assertFalse(scrape.text().contains(secret), secret + " in\n" + scrape.text());
        }
    }

    @Test
    void with_the_database_unreachable_the_count_is_left_out_and_db_up_is_0() throws Exception {
        rig.closePool();
        rig.services = rig.withClock(rig.with("db_port", Integer.toString(ScreenRig.closedPort())));
        rig.handler = new com.openfaas.function.Handler(rig.services);

        MetricsText scrape = MetricsText.scrape();

        assertEquals(Optional.of(0.0), scrape.value("cacifo_db_up"), scrape.text());
        assertFalse(scrape.has("cacifo_screens_locked_out"), scrape.text());
    }
}
