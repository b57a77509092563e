package io.cacifo.devstack.prometheus;

import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.devstack.backend.BackendStandIn;
import io.cacifo.devstack.backend.ReceivedAlert;
import io.cacifo.kit.testing.Prerequisite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalAlertmanagerTest {
    private static final Path REPO = Main.repoRoot(Path.of("").toAbsolutePath());
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String KEY = "11112222333344445555666677778888aaaabbbbccccddddeeeeffff00001111";

    @Test
    void an_alert_given_to_alertmanager_reaches_the_back_end_stand_in_firing_then_resolved_and_close_stops_it() throws Exception {
        Prerequisite.require(LocalPrometheus.onPath(LocalAlertmanager.BINARY, System.getenv().getOrDefault("PATH", "")).isPresent(),
                "prometheus-alertmanager is not on PATH (Debian: apt-get install prometheus-alertmanager)");
        DevStackSettings settings = DevStackSettings.forTests(REPO);
        BackendStandIn backend = BackendStandIn.start(0, KEY);
        Optional<LocalAlertmanager> prepared = LocalAlertmanager.prepare(settings, backend.url().resolve("/alerts"),
                settings.stateDir().resolve("logs"));
        assertTrue(prepared.isPresent());
        LocalAlertmanager alertmanager = prepared.get();
        try {
            alertmanager.start();
            assertTrue(alertmanager.awaitReadyOrStop(Duration.ofSeconds(20)));

            // As the central Prometheus sends it: Alertmanager's v2 API, no endsAt while firing.
            post(alertmanager.url(), alert(""));
            assertTrue(await(Duration.ofSeconds(20), () -> statuses(backend).contains("firing")),
                    "no firing notification; got " + backend.alerts());
            ReceivedAlert firing = backend.alerts().get(0);
            assertEquals("DoorLeftOpen", firing.alertname());
            assertEquals("locker-001", firing.locker());
            assertEquals("page", firing.severity());
            assertEquals("locker-001: 1 door(s) left open past door_close_timeout", firing.summary());

            post(alertmanager.url(), alert(",\"endsAt\":\"" + Instant.now() + "\""));
            assertTrue(await(Duration.ofSeconds(20), () -> statuses(backend).contains("resolved")),
                    "no resolved notification; got " + backend.alerts());

            assertTrue(Files.isRegularFile(settings.stateDir().resolve("alertmanager/alertmanager.yml")));
            assertTrue(Files.isDirectory(settings.stateDir().resolve("alertmanager/data")), "its storage is in the state folder");
        } finally {
            alertmanager.close();
            backend.close();
        }
        assertFalse(alertmanager.isAlive());
        assertFalse(listening(alertmanager.url().getPort()), "nothing listens on its port after close");
        deleteTree(settings.stateDir());
    }

    @Test
    void a_locker_not_reporting_mutes_its_own_scrape_failing_alert_but_not_another_lockers() throws Exception {
        Prerequisite.require(LocalPrometheus.onPath(LocalAlertmanager.BINARY, System.getenv().getOrDefault("PATH", "")).isPresent(),
                "prometheus-alertmanager is not on PATH (Debian: apt-get install prometheus-alertmanager)");
        DevStackSettings settings = DevStackSettings.forTests(REPO);
        BackendStandIn backend = BackendStandIn.start(0, KEY);
        LocalAlertmanager alertmanager = LocalAlertmanager.prepare(settings, backend.url().resolve("/alerts"),
                settings.stateDir().resolve("logs")).orElseThrow();
        try {
            alertmanager.start();
            assertTrue(alertmanager.awaitReadyOrStop(Duration.ofSeconds(20)));

            post(alertmanager.url(), "[" + named("LockerNotReporting", "locker-001") + "," + named("LockerScrapeFailing", "locker-001")
                    + "," + named("LockerScrapeFailing", "locker-002") + "]");

            assertTrue(await(Duration.ofSeconds(20), () -> received(backend).contains("LockerScrapeFailing locker-002")
                    && received(backend).contains("LockerNotReporting locker-001")), "got " + backend.alerts());
            // Each group's first message waits the same group_wait; two more group intervals for a late one.
            Thread.sleep(2 * Duration.parse("PT" + AlertmanagerConfigs.GROUP_INTERVAL).toMillis());
            assertEquals(List.of("LockerNotReporting locker-001", "LockerScrapeFailing locker-002"),
                    received(backend).stream().sorted().collect(Collectors.toList()));
        } finally {
            alertmanager.close();
            backend.close();
            deleteTree(settings.stateDir());
        }
    }

    private static String named(String alertname, String locker) {
        return "{\"labels\":{\"alertname\":\"" + alertname + "\",\"locker\":\"" + locker + "\",\"severity\":\"page\"}}";
    }

    private static List<String> received(BackendStandIn backend) {
        return backend.alerts().stream().map(alert -> alert.alertname() + " " + alert.locker()).collect(Collectors.toList());
    }

    @Test
    void it_runs_on_one_node_with_its_state_in_the_given_folder() {
        List<String> command = LocalAlertmanager.command(Path.of("/usr/bin/prometheus-alertmanager"), Path.of("/state/alertmanager"), 19093);

        assertEquals(List.of("/usr/bin/prometheus-alertmanager", "--config.file=/state/alertmanager/alertmanager.yml",
                "--storage.path=/state/alertmanager/data", "--web.listen-address=127.0.0.1:19093", "--cluster.listen-address="),
                command);
    }

    @Test
    void without_the_binary_on_path_there_is_no_alertmanager(@TempDir Path empty) {
        DevStackSettings settings = DevStackSettings.fromEnvironment(REPO, java.util.Map.of("PATH", empty.toString()));

        assertEquals(Optional.empty(), LocalAlertmanager.prepare(settings, URI.create("http://127.0.0.1:1/alerts"), empty));
    }

    private static String alert(String extra) {
        return "[{\"labels\":{\"alertname\":\"DoorLeftOpen\",\"locker\":\"locker-001\",\"severity\":\"page\"},"
                + "\"annotations\":{\"summary\":\"locker-001: 1 door(s) left open past door_close_timeout\"}" + extra + "}]";
    }

    private static void post(URI alertmanager, String alerts) throws IOException, InterruptedException {
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(alertmanager.resolve("/api/v2/alerts"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(alerts)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply.body());
    }

    private static List<String> statuses(BackendStandIn backend) {
        return backend.alerts().stream().map(ReceivedAlert::status).collect(Collectors.toList());
    }

    private static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

    private static boolean listening(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
