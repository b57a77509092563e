package io.cacifo.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.devstack.prometheus.PrometheusApi;
import io.cacifo.e2e.Locker.Parcel;
import io.cacifo.e2e.Locker.Screen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The locker's own state reaches the central Prometheus: a door jammed (out of service), the
 * back-end down (an event left pending) and a screen locked out by wrong codes show as cacifo_*
 * series labelled with the locker, scraped by the locker's Prometheus through the gateway
 * (job functions, /function/&lt;name&gt;/metrics) and federated. No code is in any scrape.
 */
class LockerMetricsTest {
    private static final String LOCKER = "locker=\"locker-001\"";
    /** Locker scrape (2 s), federation (2 s) and the functions' first scrape after start. */
    private static final Duration CENTRAL = Duration.ofSeconds(40);
    private static final List<String> SCRAPED = List.of("controller", "door-manager", "screen-io");
    private static DevStack stack;
    private static Locker locker;
    private static final List<String> wrongCodes = new ArrayList<>();

    @BeforeAll
    static void start() {
        stack = DevStack.start(DevStackSettings.forTests(Main.repoRoot(Path.of("").toAbsolutePath())));
        assertEquals(List.of(), stack.skippedFunctions(), "every function must be built and running");
        assertTrue(stack.centralPrometheusUrl().isPresent(), "the devstack runs no Prometheus (is prometheus on PATH?)");
        locker = new Locker(stack);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void a_jammed_door_a_pending_event_and_a_locked_screen_show_in_the_central_prometheus_with_the_locker_label()
            throws Exception {
        stack.backend().down();
        int jammed = locker.spareDoors().get(0);
        Parcel parcel = locker.newParcel(jammed);
        HttpResponse<String> jam = locker.post(stack.simulatorUrl().resolve("/ui/doors/" + jammed + "/jammed"), "{\"jammed\":true}");
        assertEquals(200, jam.statusCode(), jam.body());
        Screen deposit = locker.enter(parcel.deposit, "simulator");
        assertEquals(200, deposit.status, deposit.toString());
        lockOut("simulator");

        awaitCentral("cacifo_doors_out_of_service{reason=\"jammed\"," + LOCKER + "} >= 1");
        awaitCentral("cacifo_doors{state=\"out_of_service\"," + LOCKER + "} >= 1");
        awaitCentral("cacifo_outbox_pending{" + LOCKER + "} > 0");
        awaitCentral("cacifo_outbox_events_failed_total{" + LOCKER + "} > 0");
        awaitCentral("cacifo_screens_locked_out{" + LOCKER + "} >= 1");
        awaitCentral("cacifo_door_alarms_open{" + LOCKER + "} >= 0");
        Set<String> up = new TreeSet<>();
        for (JsonElement series : awaitCentral("cacifo_db_up{" + LOCKER + "} == 1")) {
            up.add(series.getAsJsonObject().getAsJsonObject("metric").get("function").getAsString());
        }
        assertEquals(new TreeSet<>(SCRAPED), up, "cacifo_db_up 1 from each function that reads its tables");
        assertEquals(3, awaitCentral("up{job=\"functions\"," + LOCKER + "} == 1").size());
    }

    @Test
    void a_scrape_through_the_gateway_needs_no_secret_and_names_no_code() {
        List<Integer> spare = locker.spareDoors();
        Parcel parcel = locker.newParcel(spare.get(spare.size() - 1));
        Screen deposit = locker.enter(parcel.deposit, "main");
        assertEquals(200, deposit.status, deposit.toString());
        lockOut("main");
        List<String> codes = new ArrayList<>(locker.issuedCodes());
        codes.addAll(wrongCodes);
        codes.add(parcel.externalId);

        for (String function : SCRAPED) {
            HttpResponse<String> metrics = locker.get(stack.gatewayUrl().resolve("/function/" + function + "/metrics"));
            assertEquals(200, metrics.statusCode(), function + ": " + metrics.body());
            assertTrue(metrics.body().contains("cacifo_db_up 1.0"), function + ":\n" + metrics.body());
            for (String code : codes) {
                assertFalse(metrics.body().contains(code), function + " shows " + code + ":\n" + metrics.body());
            }
        }
    }

    /** Five wrong codes in a row: the screen is locked out (the fifth starts the lockout). */
    private static void lockOut(String screen) {
        SecureRandom random = new SecureRandom();
        Screen last = null;
        for (int i = 0; i < 5; i++) {
            String code = String.format("%010d", Math.floorMod(random.nextLong(), 10_000_000_000L));
            wrongCodes.add(code);
            last = locker.enter(code, screen);
        }
        assertEquals("locked_out", last.body.get("error").getAsString(), last.toString());
    }

    /** Polls the central Prometheus until {@code query} has a result; fails with the last reply after {@link #CENTRAL}. */
    private static JsonArray awaitCentral(String query) throws Exception {
        return PrometheusApi.awaitAny(stack.centralPrometheusUrl().orElseThrow(), query, CENTRAL);
    }
}
