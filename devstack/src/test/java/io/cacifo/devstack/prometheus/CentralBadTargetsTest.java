package io.cacifo.devstack.prometheus;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.sun.net.httpserver.HttpServer;
import io.cacifo.devstack.Main;
import io.cacifo.devstack.process.ChildProcess;
import io.cacifo.devstack.process.FreePort;
import io.cacifo.kit.testing.Prerequisite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bad input on the central side, with the real Prometheus and the repository's rules: a locker
 * target that answers garbage, one that answers too late, and one where nothing listens any more
 * are each scraped as {@code up{job="lockers"} 0}, which is what LockerScrapeFailing reads (its
 * promtool tests take it from there), and the central Prometheus goes on serving.
 */
class CentralBadTargetsTest {
    private static final Path REPO = Main.repoRoot(Path.of("").toAbsolutePath());

    @Test
    void garbage_a_timeout_and_a_vanished_target_each_read_as_down_and_make_the_scrape_failing_alert_pending(@TempDir Path dir)
            throws Exception {
        Prerequisite.require(LocalPrometheus.onPath("prometheus", System.getenv().getOrDefault("PATH", "")).isPresent(),
                "prometheus is not on PATH (Debian: apt-get install prometheus)");
        ExecutorService pool = Executors.newCachedThreadPool();
        HttpServer garbage = server(pool, "/federate", "<html>this is not the Prometheus text format {{{\n".getBytes(StandardCharsets.UTF_8), 0);
        // Longer than the scrape timeout (the 2-s interval).
        HttpServer slow = server(pool, "/federate", "up 1\n".getBytes(StandardCharsets.UTF_8), 5_000);
        String vanished = "127.0.0.1:" + FreePort.or(0);
        Path targets = dir.resolve("lockers.yml");
        Files.writeString(targets, "- targets: ['" + address(garbage) + "']\n  labels: {locker: locker-garbage}\n"
                + "- targets: ['" + address(slow) + "']\n  labels: {locker: locker-slow}\n"
                + "- targets: ['" + vanished + "']\n  labels: {locker: locker-gone}\n");
        Files.writeString(dir.resolve("prometheus.yml"), PrometheusConfigs.central(
                Files.readString(REPO.resolve("prometheus-federate.yml")), LocalPrometheus.SCRAPE_INTERVAL, targets,
                PrometheusConfigs.RULE_FILES.stream().map(REPO::resolve).collect(Collectors.toList()), Optional.empty()));
        int port = FreePort.or(0);
        ChildProcess central = new ChildProcess("prometheus-central", List.of(
                LocalPrometheus.onPath("prometheus", System.getenv().getOrDefault("PATH", "")).get().toString(),
                "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port), Map.of(), dir, dir.resolve("prometheus.log"), port);
        URI url = URI.create("http://127.0.0.1:" + port);
        try {
            central.start();
            central.awaitPort(Duration.ofSeconds(20));

            assertEquals(Map.of("locker-garbage", "0", "locker-slow", "0", "locker-gone", "0"),
                    awaitByLocker(url, "up{job=\"lockers\"}", 3, Duration.ofSeconds(30)));
            assertEquals(Map.of("locker-garbage", "1", "locker-slow", "1", "locker-gone", "1"),
                    awaitByLocker(url, "ALERTS{alertname=\"LockerScrapeFailing\",alertstate=\"pending\"}", 3, Duration.ofSeconds(30)));
        } finally {
            central.requestStop();
            central.awaitStopped(Duration.ofSeconds(5));
            garbage.stop(0);
            slow.stop(0);
            pool.shutdownNow();
        }
    }

    private static HttpServer server(ExecutorService pool, String path, byte[] body, long delayMs) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext(path, exchange -> {
            try {
                Thread.sleep(delayMs);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException | IOException stopped) {
                // The scraper gave up or the test is over.
            } finally {
                exchange.close();
            }
        });
        server.start();
        return server;
    }

    private static String address(HttpServer server) {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Polls until {@code query} has {@code count} series; returns each one's value by its locker label. */
    private static Map<String, String> awaitByLocker(URI prometheus, String query, int count, Duration timeout) throws Exception {
        JsonArray result = PrometheusApi.await(prometheus, query, Optional.empty(), series -> series.size() == count, timeout);
        Map<String, String> values = new TreeMap<>();
        for (JsonElement series : result) {
            values.put(series.getAsJsonObject().getAsJsonObject("metric").get("locker").getAsString(),
                    series.getAsJsonObject().getAsJsonArray("value").get(1).getAsString());
        }
        return values;
    }
}
