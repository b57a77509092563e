package io.cacifo.devstack.prometheus;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.devstack.gateway.FunctionDirectory;
import io.cacifo.devstack.gateway.GatewayServer;
import io.cacifo.kit.testing.Prerequisite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalPrometheusTest {
    private static final Path REPO = Main.repoRoot(Path.of("").toAbsolutePath());
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void gateway_calls_reach_the_central_prometheus_through_federation_labelled_with_the_locker() throws Exception {
        Prerequisite.require(LocalPrometheus.onPath("prometheus", System.getenv().getOrDefault("PATH", "")).isPresent(),
                "prometheus is not on PATH (Debian: apt-get install prometheus)");
        DevStackSettings settings = DevStackSettings.forTests(REPO);
        GatewayServer gateway = GatewayServer.start(0, new FunctionDirectory(), "not-used-here");
        Optional<LocalPrometheus> prepared = LocalPrometheus.prepare(settings, gateway.url(), settings.stateDir().resolve("logs"));
        assertTrue(prepared.isPresent());
        try (LocalPrometheus prometheus = prepared.get()) {
            for (int i = 0; i < 3; i++) {
                gateway.metrics().record("user-manager", 200, 0.02);
            }
            gateway.metrics().record("user-manager", 404, 0.3);
            prometheus.start();
            prometheus.awaitReady(Duration.ofSeconds(20));

            JsonArray result = PrometheusApi.awaitAny(prometheus.centralUrl(),
                    "gateway_function_invocation_total{locker=\"locker-001\",code=\"200\"}", Duration.ofSeconds(30));

            JsonObject series = result.get(0).getAsJsonObject();
            JsonObject labels = series.getAsJsonObject("metric");
            assertEquals("user-manager.openfaas-fn", labels.get("function_name").getAsString());
            // honor_labels keeps the locker Prometheus's own job label, as faasd's series have it.
            assertEquals("gateway", labels.get("job").getAsString());
            assertEquals("3", series.getAsJsonArray("value").get(1).getAsString());
            JsonArray buckets = PrometheusApi.awaitAny(prometheus.centralUrl(),
                    "gateway_functions_seconds_bucket{locker=\"locker-001\",code=\"404\",le=\"0.5\"}", Duration.ofSeconds(10));
            assertEquals("1", buckets.get(0).getAsJsonObject().getAsJsonArray("value").get(1).getAsString());
            JsonArray up = PrometheusApi.awaitAny(prometheus.centralUrl(), "up{job=\"lockers\",locker=\"locker-001\"}", Duration.ofSeconds(10));
            assertEquals("1", up.get(0).getAsJsonObject().getAsJsonArray("value").get(1).getAsString());
            assertTrue(Files.readString(settings.stateDir().resolve("prometheus/central/lockers.yml"))
                    .contains(prometheus.lockerUrl().getHost() + ":" + prometheus.lockerUrl().getPort()));
        } finally {
            gateway.close();
            deleteTree(settings.stateDir());
        }
    }

    @Test
    void the_central_prometheus_evaluates_the_repositorys_rules_and_knows_the_given_alertmanager() throws Exception {
        Prerequisite.require(LocalPrometheus.onPath("prometheus", System.getenv().getOrDefault("PATH", "")).isPresent(),
                "prometheus is not on PATH (Debian: apt-get install prometheus)");
        DevStackSettings settings = DevStackSettings.forTests(REPO);
        GatewayServer gateway = GatewayServer.start(0, new FunctionDirectory(), "not-used-here");
        // Nothing needs to listen there: Prometheus lists a configured Alertmanager whether it answers or not.
        String alertmanager = "127.0.0.1:" + io.cacifo.devstack.process.FreePort.or(0);
        Optional<LocalPrometheus> prepared = LocalPrometheus.prepare(settings, gateway.url(), settings.stateDir().resolve("logs"),
                Optional.of(alertmanager));
        assertTrue(prepared.isPresent());
        try (LocalPrometheus prometheus = prepared.get()) {
            prometheus.start();
            prometheus.awaitReady(Duration.ofSeconds(20));

            // Listening comes before ready (the TSDB loaded, the rules read); discovery of the Alertmanager after.
            String rules = awaitBody(prometheus.centralUrl(), "/api/v1/rules", "cacifo-locker", Duration.ofSeconds(20));
            String alertmanagers = awaitBody(prometheus.centralUrl(), "/api/v1/alertmanagers", alertmanager, Duration.ofSeconds(20));

            for (String group : new String[] {"\"name\":\"cacifo-fleet\"", "\"name\":\"openfaas\"", "\"name\":\"cacifo-locker\"",
                    "\"name\":\"DoorLeftOpen\"", "\"name\":\"LockerNotReporting\""}) {
                assertTrue(rules.contains(group), group + " in " + rules);
            }
            assertTrue(alertmanagers.contains("http://" + alertmanager + "/api/v2/alerts"), alertmanagers);
            String lockerRules = awaitBody(prometheus.lockerUrl(), "/api/v1/rules", "\"groups\"", Duration.ofSeconds(20));
            assertTrue(!lockerRules.contains("cacifo-fleet") && !lockerRules.contains("DoorLeftOpen"),
                    "rules run on the central side only: " + lockerRules);
        } finally {
            gateway.close();
            deleteTree(settings.stateDir());
        }
    }

    /** Polls GET {@code path} until it answers 200 with {@code expected} in the body; fails with the last reply. */
    private static String awaitBody(URI prometheus, String path, String expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            last = reply.statusCode() + " " + reply.body();
            if (reply.statusCode() == 200 && reply.body().contains(expected)) {
                return reply.body();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + expected + " in " + path + " within " + timeout.toSeconds() + " s; last reply: " + last);
    }

    @Test
    void a_configured_port_that_is_taken_is_replaced_by_a_free_one() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = LocalPrometheus.port(Map.of("DEVSTACK_PROM_PORT", Integer.toString(taken.getLocalPort())),
                    "DEVSTACK_PROM_PORT", 9090, false);

            assertNotEquals(taken.getLocalPort(), port);
            assertTrue(port > 0);
        }
    }

    @Test
    void a_port_that_is_not_a_number_is_refused_naming_its_variable() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LocalPrometheus.port(Map.of("DEVSTACK_CENTRAL_PROM_PORT", "ninety"), "DEVSTACK_CENTRAL_PROM_PORT", 9091, false));

        assertTrue(error.getMessage().contains("DEVSTACK_CENTRAL_PROM_PORT"), error.getMessage());
    }

    @Test
    void only_an_executable_file_on_path_counts_as_the_program(@TempDir Path dir) throws IOException {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(plain.resolve("prometheus"), "not executable");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path program = Files.writeString(bin.resolve("prometheus"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));

        assertEquals(Optional.empty(), LocalPrometheus.onPath("prometheus", plain.toString()));
        assertEquals(Optional.of(program), LocalPrometheus.onPath("prometheus", plain + ":" + bin));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
