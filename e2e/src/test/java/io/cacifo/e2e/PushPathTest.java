package io.cacifo.e2e;

import com.google.gson.JsonArray;
import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.devstack.prometheus.CentralMode;
import io.cacifo.devstack.prometheus.PrometheusApi;
import io.cacifo.kit.http.GatewayReply;
import io.cacifo.kit.testing.Prerequisite;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The push path end to end, as `DEVSTACK_CENTRAL=<mode> bin/demo` runs it: the whole devstack, real
 * calls through its gateway (signed function calls, wrong codes typed on the screen), the locker
 * Prometheus remote-writing them to the central store, and the dashboard's address
 * (DevStack.centralPrometheusUrl) answering with them, labelled locker="locker-001", and with the
 * fleet's recording rules evaluated there (by the central Prometheus, or by vmalert beside
 * VictoriaMetrics), the locker's own cacifo_* series with them.
 */
class PushPathTest {
    private static final Duration ARRIVES = Duration.ofSeconds(60);
    private static final int SIGNED_CALLS = 5;
    private static final int WRONG_CODES = 3;
    private static final String SCREEN_404 =
            "gateway_function_invocation_total{locker=\"locker-001\",function_name=\"screen-io.openfaas-fn\",code=\"404\"}";

    @ParameterizedTest(name = "DEVSTACK_CENTRAL={0}")
    @EnumSource(value = CentralMode.class, names = {"REMOTE_WRITE", "VICTORIA_METRICS"})
    void calls_through_the_gateway_reach_the_central_store_labelled_with_the_locker(CentralMode mode) throws Exception {
        String path = System.getenv().getOrDefault("PATH", "");
        Prerequisite.require(onPath("prometheus", path), "prometheus is not on PATH (Debian: apt-get install prometheus)");
        Prerequisite.require(mode != CentralMode.VICTORIA_METRICS || onPath("victoria-metrics", path) && onPath("vmalert", path),
                "victoria-metrics or vmalert is not on PATH (Debian: apt-get install victoria-metrics)");
        Path root = Main.repoRoot(Path.of("").toAbsolutePath());
        try (DevStack stack = DevStack.start(DevStackSettings.forTests(root)
                .withEnvironment(Map.of(CentralMode.VARIABLE, mode.value())))) {
            assertEquals(Optional.of(mode), stack.centralMode());
            URI central = stack.centralPrometheusUrl().orElseThrow(() -> new AssertionError("no central store started"));
            Locker locker = new Locker(stack);

            for (int i = 0; i < SIGNED_CALLS; i++) {
                GatewayReply reply = stack.gatewayClient().call("door-manager", "get", Map.of("id", 1));
                assertEquals(200, reply.status(), reply.body());
            }
            // One wrong code first: a counter that appears already at 3 shows no increase, so no rate.
            assertEquals(404, locker.enter("9999999999", "main").status, "a wrong code is refused");
            PrometheusApi.awaitAny(central, SCREEN_404, ARRIVES);
            for (int i = 1; i < WRONG_CODES; i++) {
                assertEquals(404, locker.enter("9999999999", "main").status, "a wrong code is refused");
            }

            JsonArray found = PrometheusApi.await(central, "sum(gateway_function_invocation_total{locker=\"locker-001\","
                            + "function_name=\"door-manager.openfaas-fn\",code=\"200\"})", Optional.empty(),
                    result -> result.size() == 1 && PrometheusApi.value(result) >= SIGNED_CALLS, ARRIVES);
            JsonArray refused = PrometheusApi.await(central, SCREEN_404, Optional.empty(),
                    result -> result.size() == 1 && PrometheusApi.value(result) >= WRONG_CODES, ARRIVES);
            JsonArray calls = PrometheusApi.await(central, "locker:gateway_calls:rate5m{locker=\"locker-001\"}", Optional.empty(),
                    result -> result.size() == 1 && PrometheusApi.value(result) > 0, ARRIVES);
            JsonArray lastSeen = PrometheusApi.await(central, "locker:last_seen_timestamp_seconds{locker=\"locker-001\"}",
                    Optional.empty(), result -> result.size() == 1, ARRIVES);
            // Every function scraped through faasd-provider (job functions) and its up pushed with the rest.
            int deployed = stack.deployedFunctions().size();
            PrometheusApi.await(central, "count(up{job=\"functions\",locker=\"locker-001\"} == 1)", Optional.empty(),
                    result -> result.size() == 1 && PrometheusApi.value(result) == deployed, ARRIVES);
            // Each function's resident set and metaspace pushed too (the keep list matches match[]'s), and
            // the limits from stack.yaml that the memory alerts and panels divide by, evaluated there.
            for (String memory : List.of("process_resident_memory_bytes{job=\"functions\",locker=\"locker-001\"}",
                    "jvm_memory_pool_used_bytes{pool=\"Metaspace\",job=\"functions\",locker=\"locker-001\"}",
                    "cacifo:function_memory_limit_bytes")) {
                PrometheusApi.await(central, "count(" + memory + " > 0)", Optional.empty(),
                        result -> result.size() == 1 && PrometheusApi.value(result) == deployed, ARRIVES);
            }
            // The locker's own state, scraped through faasd-provider (job functions) and pushed with the rest,
            // read with the fleet overview's queries (metrics-ui/src/lib/queries.ts FLEET_QUERIES.doors, .dbUp).
            JsonArray doors = PrometheusApi.await(central, "sum by (locker, state) (cacifo_doors)", Optional.empty(),
                    result -> result.size() == 3, ARRIVES);
            JsonArray dbUp = PrometheusApi.await(central, "min by (locker) (cacifo_db_up)", Optional.empty(),
                    result -> result.size() == 1, ARRIVES);
            JsonArray refusals = PrometheusApi.await(central, "locker_function:gateway_refusals:rate5m{locker=\"locker-001\","
                    + "function_name=\"screen-io.openfaas-fn\"}", Optional.empty(),
                    result -> result.size() == 1 && PrometheusApi.value(result) > 0, ARRIVES);

            assertTrue(PrometheusApi.value(found) >= SIGNED_CALLS, found.toString());
            assertTrue(PrometheusApi.value(refused) >= WRONG_CODES, refused.toString());
            assertTrue(PrometheusApi.value(calls) > 0, calls.toString());
            assertTrue(PrometheusApi.value(refusals) > 0, "the wrong codes count as refusals: " + refusals);
            assertEquals(3, doors.size(), "free, occupied and out of service: " + doors);
            doors.forEach(row -> assertEquals("locker-001", row.getAsJsonObject().getAsJsonObject("metric").get("locker").getAsString()));
            assertEquals(1, PrometheusApi.value(dbUp), "every function reached its DB: " + dbUp);
            double seenAgo = Instant.now().getEpochSecond() - PrometheusApi.value(lastSeen);
            assertTrue(seenAgo >= 0 && seenAgo < 60, "the locker was last seen " + seenAgo + " s ago");
        }
    }

    private static boolean onPath(String program, String path) {
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isBlank() && java.nio.file.Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
