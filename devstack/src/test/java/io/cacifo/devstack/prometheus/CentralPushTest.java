package io.cacifo.devstack.prometheus;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.devstack.gateway.FunctionDirectory;
import io.cacifo.devstack.gateway.GatewayServer;
import io.cacifo.kit.testing.Prerequisite;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The push path on the devstack's real parts: a gateway, the locker Prometheus remote-writing
 * (prometheus/locker-remote-write.yml) to the central store of each push mode, a central Prometheus
 * with the remote-write receiver or VictoriaMetrics with vmalert. The gateway's counts arrive
 * labelled with the locker, the fleet's recording rules answer, the dashboard's PromQL answers, and
 * an outage of the central store is buffered by the locker and delivered later.
 */
class CentralPushTest {
    private static final Path REPO = Main.repoRoot(Path.of("").toAbsolutePath());
    private static final Duration READY = Duration.ofSeconds(30);
    private static final Duration ARRIVES = Duration.ofSeconds(40);
    /** The dashboard's rate window on the devstack: 4 × the scrape interval (metrics-ui/src/lib/queries.ts callers). */
    private static final int WINDOW_SECONDS = 4 * Integer.parseInt(LocalPrometheus.SCRAPE_INTERVAL.replace("s", ""));
    private static final String CALLED = "user-manager.openfaas-fn";

    /** A gateway and the devstack's Prometheus servers in one push mode; the gateway serves steady traffic once started. */
    private static final class Rig implements AutoCloseable {
        final DevStackSettings settings;
        final GatewayServer gateway;
        final LocalPrometheus prometheus;
        final ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();

        Rig(String mode) throws IOException {
            settings = DevStackSettings.forTests(REPO).withEnvironment(Map.of(CentralMode.VARIABLE, mode));
            gateway = GatewayServer.start(0, new FunctionDirectory(), "not-used-here");
            prometheus = LocalPrometheus.prepare(settings, gateway.url(), settings.stateDir().resolve("logs"))
                    .orElseThrow(() -> new AssertionError("no Prometheus prepared for " + mode));
            prometheus.start();
            prometheus.awaitReady(READY);
        }

        /** Every 500 ms: three 200s at 20 ms and one 404 at 300 ms of user-manager, as a locker's screen and back-end make them. */
        void steadyTraffic() {
            traffic.scheduleAtFixedRate(() -> {
                for (int i = 0; i < 3; i++) {
                    gateway.metrics().record("user-manager", 200, 0.02);
                }
                gateway.metrics().record("user-manager", 404, 0.3);
            }, 0, 500, TimeUnit.MILLISECONDS);
        }

        URI central() {
            return prometheus.centralUrl();
        }

        @Override
        public void close() throws IOException {
            traffic.shutdownNow();
            try {
                prometheus.close();
            } finally {
                gateway.close();
                try (Stream<Path> paths = Files.walk(settings.stateDir())) {
                    paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    private static void requireTools(String mode) {
        String path = System.getenv().getOrDefault("PATH", "");
        Prerequisite.require(LocalPrometheus.onPath("prometheus", path).isPresent(), "prometheus is not on PATH (Debian: apt-get install prometheus)");
        if (mode.equals(CentralMode.VICTORIA_METRICS.value())) {
            Prerequisite.require(LocalPrometheus.onPath("victoria-metrics", path).isPresent() && LocalPrometheus.onPath("vmalert", path).isPresent(),
                    "victoria-metrics or vmalert is not on PATH (Debian: apt-get install victoria-metrics)");
        }
    }

    @ParameterizedTest(name = "DEVSTACK_CENTRAL={0}")
    @ValueSource(strings = {"remote-write", "victoria-metrics"})
    void gateway_calls_reach_the_central_store_labelled_with_the_locker_and_the_fleet_rules_answer(String mode) throws Exception {
        requireTools(mode);
        try (Rig rig = new Rig(mode)) {
            rig.steadyTraffic();

            JsonArray calls = PrometheusApi.awaitAny(rig.central(),
                    "gateway_function_invocation_total{locker=\"locker-001\",function_name=\"" + CALLED + "\",code=\"200\"}", ARRIVES);
            JsonArray rate = PrometheusApi.await(rig.central(), "locker:gateway_calls:rate5m{locker=\"locker-001\"}", Optional.empty(),
                    result -> result.size() == 1 && PrometheusApi.value(result) > 0, ARRIVES);

            assertEquals(mode, rig.prometheus.mode().value());
            JsonObject labels = calls.get(0).getAsJsonObject().getAsJsonObject("metric");
            assertEquals("gateway", labels.get("job").getAsString(), "the locker's own job label arrives as faasd names it");
            assertTrue(PrometheusApi.value(calls) >= 3, calls.toString());
            // 8 calls a second; a 5-minute rate over the few seconds so far reads less, but never nothing.
            assertTrue(PrometheusApi.value(rate) > 0, rate.toString());
            assertEquals(0, PrometheusApi.query(rig.central(), "{__name__=~\"go_.+|prometheus_.+|scrape_.+\"}", Optional.empty()).size(),
                    "only the series the federation would carry cross the link");
            // faasd's gateway reads its counts back from the locker's Prometheus (GET /system/functions): it stays a full server.
            assertTrue(called(PrometheusApi.query(rig.prometheus.lockerUrl(),
                    "sum(gateway_function_invocation_total{function_name=~\".*.openfaas-fn\"}) by (function_name)", Optional.empty()))
                    .orElse(0.0) >= 3, "the gateway's query on the locker Prometheus");
        }
    }

    @ParameterizedTest(name = "DEVSTACK_CENTRAL={0}")
    @ValueSource(strings = {"remote-write", "victoria-metrics"})
    void the_dashboards_promql_answers_on_the_central_store(String mode) throws Exception {
        requireTools(mode);
        try (Rig rig = new Rig(mode)) {
            rig.steadyTraffic();
            String locker = "locker=\"locker-001\"";
            String window = "[" + WINDOW_SECONDS + "s]";
            // The forms of metrics-ui/src/lib/queries.ts: invocationRate (one locker and all), refusalRatio and
            // faultRatio (codeShare), latencyQuantile, and the fleet overview's FLEET_QUERIES.recorded.
            String rate = "sum by (function_name) (rate(gateway_function_invocation_total{" + locker + "}" + window + "))";
            String rateAll = "sum by (function_name) (rate(gateway_function_invocation_total" + window + "))";
            String refusals = codeShare("4", locker, window, rate);
            String faults = codeShare("5", locker, window, rate);
            String recorded = "{__name__=~\"locker:gateway_calls:rate5m|locker:gateway_faults:rate5m|locker:gateway_refusals:rate5m"
                    + "|locker:gateway_latency_seconds:p95_5m|locker:last_seen_timestamp_seconds\"}";
            String p95 = "histogram_quantile(0.95, sum by (le, function_name) (rate(gateway_functions_seconds_bucket{" + locker + "}"
                    + window + ")))";
            // A whole window of steady traffic first: a rate over a series younger than its window reads low.
            PrometheusApi.await(rig.central(), rate, Optional.empty(), result -> called(result).orElse(0.0) > 0, ARRIVES);
            Thread.sleep(Duration.ofSeconds(WINDOW_SECONDS).plus(Duration.ofSeconds(4)).toMillis());

            double calls = called(PrometheusApi.query(rig.central(), rate, Optional.empty())).orElseThrow();
            double callsAll = called(PrometheusApi.query(rig.central(), rateAll, Optional.empty())).orElseThrow();
            double refusalShare = called(PrometheusApi.await(rig.central(), refusals, Optional.empty(),
                    result -> called(result).orElse(0.0) > 0, ARRIVES)).orElseThrow();
            double faultShare = called(PrometheusApi.query(rig.central(), faults, Optional.empty())).orElseThrow();
            JsonArray overview = PrometheusApi.await(rig.central(), recorded, Optional.empty(), result -> result.size() >= 4, ARRIVES);
            double latency = called(PrometheusApi.await(rig.central(), p95, Optional.empty(),
                    result -> !Double.isNaN(called(result).orElse(Double.NaN)), ARRIVES)).orElseThrow();

            // user-manager: 8 calls a second (3 × 200 + 1 × 404 every 500 ms), of which a quarter was refused (404) in 300 ms.
            assertTrue(calls > 4 && calls < 12, "calls/s " + calls);
            assertEquals(calls, callsAll, 0.5, "one locker: all lockers together read the same");
            assertEquals(0.25, refusalShare, 0.1, "refusal share");
            assertEquals(0, faultShare, "no 5xx: the `or ... * 0` gives 0, not a gap");
            List<String> names = new ArrayList<>();
            overview.forEach(series -> names.add(series.getAsJsonObject().getAsJsonObject("metric").get("__name__").getAsString()));
            // No fault series: nothing answered 5xx, so its recording rule has nothing to sum (the overview reads that as 0).
            assertEquals(List.of("locker:gateway_calls:rate5m", "locker:gateway_latency_seconds:p95_5m",
                    "locker:gateway_refusals:rate5m", "locker:last_seen_timestamp_seconds"), names.stream().sorted().collect(Collectors.toList()),
                    overview.toString());
            assertTrue(latency > 0.25 && latency <= 0.5, "p95 " + latency + " s is in the 404s' bucket (0.25, 0.5]");
            for (String query : List.of(rate, refusals, faults, p95)) {
                JsonArray range = PrometheusApi.queryRange(rig.central(), query, Duration.ofSeconds(60), 2);
                assertTrue(points(range, CALLED).size() >= 2, "a chart needs points: " + query + " → " + range);
            }
        }
    }

    @ParameterizedTest(name = "DEVSTACK_CENTRAL={0}")
    @ValueSource(strings = {"remote-write", "victoria-metrics"})
    void a_central_outage_is_buffered_by_the_locker_and_delivered_when_the_store_is_back(String mode) throws Exception {
        requireTools(mode);
        String doorIo = "gateway_function_invocation_total{locker=\"locker-001\",function_name=\"door-io.openfaas-fn\",code=\"200\"}";
        Duration scrape = Duration.ofSeconds(Integer.parseInt(LocalPrometheus.SCRAPE_INTERVAL.replace("s", "")));
        try (Rig rig = new Rig(mode)) {
            rig.gateway.metrics().record("door-io", 200, 0.01);
            rig.gateway.metrics().record("door-io", 200, 0.01);
            PrometheusApi.await(rig.central(), doorIo, Optional.empty(), result -> result.size() == 1 && PrometheusApi.value(result) == 2, ARRIVES);

            rig.prometheus.stopCentral();
            for (int i = 0; i < 5; i++) {
                rig.gateway.metrics().record("door-io", 200, 0.01);
            }
            // Two scrapes later the locker holds 7; the centre, down, has none of it.
            Thread.sleep(scrape.multipliedBy(2).toMillis());
            Instant duringOutage = Instant.now();
            PrometheusApi.await(rig.prometheus.lockerUrl(), doorIo.replace("locker=\"locker-001\",", ""), Optional.of(duringOutage),
                    result -> result.size() == 1 && PrometheusApi.value(result) == 7, Duration.ofSeconds(5));
            Thread.sleep(scrape.multipliedBy(2).toMillis());
            rig.prometheus.startCentral(READY);

            JsonArray delivered = PrometheusApi.await(rig.central(), doorIo, Optional.of(duringOutage),
                    result -> result.size() == 1 && PrometheusApi.value(result) == 7, Duration.ofSeconds(90));
            rig.gateway.metrics().record("door-io", 200, 0.01);
            JsonArray after = PrometheusApi.await(rig.central(), doorIo, Optional.empty(),
                    result -> result.size() == 1 && PrometheusApi.value(result) == 8, ARRIVES);

            assertEquals(7, PrometheusApi.value(delivered), "the calls made while the centre was down, at the time they were made");
            assertEquals(8, PrometheusApi.value(after), "and the push goes on");
        }
    }

    /** queries.ts's codeShare: the calls answered with {@code codeClass}xx as a share of all, per function, 0 rather than a gap. */
    private static String codeShare(String codeClass, String locker, String window, String all) {
        String some = "sum by (function_name) (rate(gateway_function_invocation_total{" + locker + ",code=~\"" + codeClass + "..\"}"
                + window + "))";
        return "(" + some + " or " + all + " * 0) / " + all;
    }

    /** The value of user-manager's series in a result by function_name; the locker's functions job adds the others. */
    private static Optional<Double> called(JsonArray result) {
        for (JsonElement series : result) {
            JsonObject item = series.getAsJsonObject();
            JsonElement function = item.getAsJsonObject("metric").get("function_name");
            if (function != null && CALLED.equals(function.getAsString())) {
                return Optional.of(Double.parseDouble(item.getAsJsonArray("value").get(1).getAsString()));
            }
        }
        return Optional.empty();
    }

    private static List<JsonElement> points(JsonArray range, String functionName) {
        List<JsonElement> points = new ArrayList<>();
        for (JsonElement series : range) {
            JsonObject item = series.getAsJsonObject();
            JsonElement function = item.getAsJsonObject("metric").get("function_name");
            if (function != null && functionName.equals(function.getAsString())) {
                item.getAsJsonArray("values").forEach(points::add);
            }
        }
        return points;
    }
}
