package io.cacifo.bench.fleet;

import io.cacifo.devstack.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench's federation path end to end, as bin/fleet-bench starts it: a real central Prometheus
 * with prometheus-federate.yml's job scrapes the simulator's ten lockers. The seven that answer
 * report; the three dark ones (timeout, garbage, vanished) show as not reporting, and nothing else
 * breaks. Takes about half a minute: the production file's 15 s interval and 10 s timeout.
 */
class FederationPathTest {
    private static final Path REPO = Main.repoRoot(Path.of("").toAbsolutePath());

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void the_central_prometheus_sees_the_reporting_lockers_and_marks_the_dark_ones_down(@TempDir Path dir) throws Exception {
        try (FleetSimulator simulator = new FleetSimulator(10, Duration.ofSeconds(15), 0).start();
             CentralSide side = CentralSide.start(Store.FEDERATION, simulator, REPO, dir)) {
            PromClient central = new PromClient(side.queryUrl());
            Set<String> up = new TreeSet<>();
            Set<String> down = new TreeSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (up.size() + down.size() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                up = lockers(central, "up{job=\"lockers\"} == 1");
                down = lockers(central, "up{job=\"lockers\"} == 0");
            }
            assertEquals(Set.of("locker-0001", "locker-0002", "locker-0003", "locker-0004", "locker-0005",
                    "locker-0006", "locker-0007"), up);
            assertEquals(Set.of("locker-0008", "locker-0009", "locker-0010"), down);
            // The reporting lockers' own series arrive with their labels kept (honor_labels) and the locker's.
            PromClient.Answer gateway = central.instant("count by (locker) (gateway_function_invocation_total{job=\"gateway\"})");
            assertEquals(7, gateway.series, "lockers with gateway series");
            assertTrue(gateway.firstValue().orElse(0) == 23, "23 invocation series per locker, got " + gateway.firstValue());
            PromClient.Answer alarm = central.instant("cacifo_door_alarms_open{locker=\"locker-0007\"}");
            assertEquals(1.0, alarm.firstValue().orElse(-1), "locker 7's open alarm");
        }
    }

    private static Set<String> lockers(PromClient central, String query) {
        Set<String> lockers = new TreeSet<>();
        PromClient.Answer answer = central.instant(query);
        if (answer.ok) {
            answer.result.forEach(series -> lockers.add(series.getAsJsonObject().getAsJsonObject("metric").get("locker").getAsString()));
        }
        return lockers;
    }
}
