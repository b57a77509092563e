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

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The locker's own state reaches the central Prometheus: a door jammed (out of service), the
 * back-end down (an event left pending) and a screen locked out by wrong codes show as cacifo_*
 * series labelled with the locker, scraped by the locker's Prometheus through faasd-provider's
 * function proxy (job functions, faasd-provider:8081/function/&lt;name&gt;/metrics) and federated.
 * Every function is scraped, its memory, GC, threads and start time federated like the rest; a
 * scrape is no call in the gateway's counts and starts no stopped function. No code is in any scrape.
 */
class LockerMetricsTest {
    private static final String LOCKER = "locker=\"locker-001\"";
    /** Locker scrape (2 s), federation (2 s) and the functions' first scrape after start. */
    private static final Duration CENTRAL = Duration.ofSeconds(40);
    /** The functions that register cacifo_* series of their own. */
    private static final List<String> SCRAPED = List.of("controller", "door-manager", "screen-io");
    /** Scrapes watched before a count is compared: several, so one that raced the reading is not all. */
    private static final int SCRAPES = 3;
    private static DevStack stack;
    private static Locker locker;
    private static final List<String> wrongCodes = new ArrayList<>();

    @BeforeAll
    static void start() {
        // Only the boot's wake: the wake timer's probes are gateway calls, and would wake a killed function.
        stack = DevStack.start(DevStackSettings.forTests(Main.repoRoot(Path.of("").toAbsolutePath()))
                .withWakeInterval(Duration.ofHours(1)));
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
        awaitEveryFunctionUpCentrally();
    }

    @Test
    void every_function_is_scraped_and_a_function_nobody_calls_counts_no_call_however_often_it_is_scraped()
            throws Exception {
        int deployed = stack.deployedFunctions().size();
        PrometheusApi.await(lockerPrometheus(), "count(up{job=\"functions\"} == 1)", Optional.empty(),
                result -> result.size() > 0 && PrometheusApi.value(result) == deployed, CENTRAL);
        // user-manager: only the back-end calls it, and nothing in this class does after the demo data.
        String idle = "user-manager";
        long calls = gatewayCalls(idle);
        String succeeded = "sum_over_time(up{job=\"functions\",function=\"" + idle + "\"}[1h])";
        double before = PrometheusApi.value(PrometheusApi.query(lockerPrometheus(), succeeded, Optional.empty()));

        PrometheusApi.await(lockerPrometheus(), succeeded, Optional.empty(),
                result -> PrometheusApi.value(result) >= before + SCRAPES, CENTRAL);

        assertEquals(calls, gatewayCalls(idle), SCRAPES + " scrapes of " + idle + " were counted as calls by the gateway");
        awaitEveryFunctionUpCentrally();
    }

    @Test
    void every_functions_memory_gc_threads_and_start_reach_the_central_prometheus_with_the_locker_label()
            throws Exception {
        int deployed = stack.deployedFunctions().size();
        String functions = "job=\"functions\"," + LOCKER;
        for (String series : List.of(
                "process_resident_memory_bytes{" + functions + "} > 0",
                "process_start_time_seconds{" + functions + "} > 0",
                "jvm_memory_used_bytes{area=\"heap\"," + functions + "} > 0",
                "jvm_memory_max_bytes{area=\"heap\"," + functions + "} > 0",
                "jvm_memory_pool_used_bytes{pool=\"Metaspace\"," + functions + "} > 0",
                "jvm_gc_collection_seconds_sum{" + functions + "} >= 0",
                "jvm_threads_current{" + functions + "} > 0",
                "cacifo_handler_threads{" + functions + "} > 0",
                "cacifo_machine_memory_total_bytes{" + functions + "} > 0")) {
            PrometheusApi.await(stack.centralPrometheusUrl().orElseThrow(), "count(count by (function) (" + series + "))",
                    Optional.empty(), result -> result.size() > 0 && PrometheusApi.value(result) == deployed, CENTRAL);
        }
    }

    @Test
    void a_stopped_function_is_down_in_prometheus_and_its_scrapes_do_not_start_it() throws Exception {
        String stopped = "partner-manager";
        String up = "up{job=\"functions\",function=\"" + stopped + "\"}";
        PrometheusApi.await(lockerPrometheus(), up + " == 1", Optional.empty(), result -> result.size() > 0, CENTRAL);
        stack.faults().killFunction(stopped);
        try {
            long calls = gatewayCalls(stopped);
            PrometheusApi.await(lockerPrometheus(), up + " == 0", Optional.empty(), result -> result.size() > 0, CENTRAL);
            String failed = "count_over_time(" + up + "[1h]) - sum_over_time(" + up + "[1h])";
            double before = PrometheusApi.value(PrometheusApi.query(lockerPrometheus(), failed, Optional.empty()));

            PrometheusApi.await(lockerPrometheus(), failed, Optional.empty(),
                    result -> PrometheusApi.value(result) >= before + SCRAPES, CENTRAL);

            assertFalse(stack.faults().isRunning(stopped), SCRAPES + " scrapes started the stopped " + stopped);
            assertEquals(calls, gatewayCalls(stopped), "a scrape of the stopped " + stopped + " went through the gateway");
            awaitCentral(up.replace("}", "," + LOCKER + "} == 0"));
        } finally {
            stack.faults().startFunction(stopped);
        }
    }

    @Test
    void a_scrape_through_faasd_provider_needs_no_secret_and_names_no_code() {
        List<Integer> spare = locker.spareDoors();
        Parcel parcel = locker.newParcel(spare.get(spare.size() - 1));
        Screen deposit = locker.enter(parcel.deposit, "main");
        assertEquals(200, deposit.status, deposit.toString());
        lockOut("main");
        List<String> codes = new ArrayList<>(locker.issuedCodes());
        codes.addAll(wrongCodes);
        codes.add(parcel.externalId);

        for (String function : SCRAPED) {
            HttpResponse<String> metrics = locker.get(stack.providerUrl().resolve("/function/" + function + "/metrics"));
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

    /** Every deployed function's up is 1 at the central Prometheus, with the locker label. */
    private static void awaitEveryFunctionUpCentrally() throws Exception {
        int deployed = stack.deployedFunctions().size();
        PrometheusApi.await(stack.centralPrometheusUrl().orElseThrow(), "up{job=\"functions\"," + LOCKER + "} == 1",
                Optional.empty(), result -> result.size() == deployed, CENTRAL);
    }

    private static URI lockerPrometheus() {
        return stack.prometheusUrl().orElseThrow();
    }

    /** The function's calls so far as the gateway counts them (gateway_function_invocation_total, every code). */
    private static long gatewayCalls(String function) {
        HttpResponse<String> metrics = locker.get(stack.gatewayUrl().resolve("/metrics"));
        assertEquals(200, metrics.statusCode(), metrics.body());
        String series = "function_name=\"" + function + ".openfaas-fn\"";
        long calls = 0;
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("gateway_function_invocation_total{") && line.contains(series)) {
                calls += Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return calls;
    }

    /** Polls the central Prometheus until {@code query} has a result; fails with the last reply after {@link #CENTRAL}. */
    private static JsonArray awaitCentral(String query) throws Exception {
        return PrometheusApi.awaitAny(stack.centralPrometheusUrl().orElseThrow(), query, CENTRAL);
    }
}
