package io.cacifo.bench.fleet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator over real HTTP on a free port: what each kind of locker answers to a federation scrape. */
class FleetSimulatorTest {
    /** 23 (function, code) pairs × (1 counter + 12 buckets + count + sum), 7 service counts, up and process series, the locker's own 15 + 3 up. */
    private static final int HEALTHY_SERIES = 381;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static FleetSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = new FleetSimulator(10, Duration.ofSeconds(3), 0).start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void a_healthy_locker_answers_the_federated_series_in_the_text_format_with_timestamps() throws Exception {
        long before = System.currentTimeMillis();
        HttpResponse<String> reply = scrape("locker-0001", Duration.ofSeconds(5));
        assertEquals(200, reply.statusCode());
        assertTrue(reply.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                "content type: " + reply.headers().firstValue("Content-Type"));
        List<FederationText.Sample> samples = FederationText.parse(reply.body());
        assertEquals(HEALTHY_SERIES, samples.size());
        assertEquals(HEALTHY_SERIES, samples.stream().map(FederationText.Sample::series).distinct().count(), "a series twice");
        Set<String> names = samples.stream().map(s -> s.name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("cacifo_db_up", "cacifo_door_alarms_open", "cacifo_door_operations_unfinished",
                "cacifo_doors", "cacifo_doors_out_of_service", "cacifo_outbox_events_failed_total",
                "cacifo_outbox_events_sent_total", "cacifo_outbox_oldest_pending_age_seconds", "cacifo_outbox_pending",
                "cacifo_screens_locked_out", "gateway_function_invocation_total", "gateway_functions_seconds_bucket",
                "gateway_functions_seconds_count", "gateway_functions_seconds_sum", "gateway_service_count",
                "process_cpu_seconds_total", "process_open_fds", "process_resident_memory_bytes",
                "process_start_time_seconds", "up")), names);
        Set<String> upJobs = samples.stream().filter(s -> s.name.equals("up")).map(s -> s.labels.get("job"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("functions", "gateway", "prometheus", "provider")), upJobs);
        for (FederationText.Sample sample : samples) {
            // The locker's own scrape time: at most one 15 s interval old, never in the future.
            assertTrue(sample.timestampMs <= System.currentTimeMillis()
                    && sample.timestampMs > before - LockerExposition.LOCKER_SCRAPE_MS, sample.series() + " at " + sample.timestampMs);
            assertFalse(sample.labels.containsKey("locker"), "the central side adds locker, not the locker: " + sample.series());
            assertTrue(sample.labels.containsKey("job") && sample.labels.containsKey("instance"), sample.series());
        }
    }

    @Test
    void every_histogram_is_cumulative_and_its_inf_bucket_equals_its_count() throws Exception {
        List<FederationText.Sample> samples = FederationText.parse(scrape("locker-0003", Duration.ofSeconds(5)).body());
        Map<String, TreeMap<Double, Double>> buckets = new HashMap<>();
        Map<String, Double> counts = new HashMap<>();
        for (FederationText.Sample s : samples) {
            if (s.name.equals("gateway_functions_seconds_bucket")) {
                String le = s.labels.get("le");
                buckets.computeIfAbsent(s.seriesWithoutLe(), k -> new TreeMap<>())
                        .put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), s.value);
            } else if (s.name.equals("gateway_functions_seconds_count")) {
                counts.put(s.seriesWithoutLe(), s.value);
            }
        }
        assertEquals(23, buckets.size());
        buckets.forEach((series, byLe) -> {
            assertEquals(List.of(.005, .01, .025, .05, .1, .25, .5, 1.0, 2.5, 5.0, 10.0, Double.POSITIVE_INFINITY),
                    List.copyOf(byLe.keySet()), series);
            double previous = 0;
            for (double count : byLe.values()) {
                assertTrue(count >= previous, series + " buckets not cumulative: " + byLe);
                previous = count;
            }
            assertEquals(counts.get(series), byLe.get(Double.POSITIVE_INFINITY), series);
        });
    }

    @Test
    void counters_only_grow_and_two_scrapes_within_one_locker_interval_answer_the_same() {
        LockerExposition exposition = new LockerExposition(1_800_000_000_000L);
        long t = LockerExposition.scrapeTime(3, 0, 1_800_000_100_000L) + 1;
        Map<String, Double> first = values(exposition.render(3, LockerKind.FAULTY, t));
        assertEquals(first, values(exposition.render(3, LockerKind.FAULTY, t + 1000)), "same locker interval");
        Map<String, Double> later = values(exposition.render(3, LockerKind.FAULTY, t + 3_600_000));
        int grew = 0;
        for (Map.Entry<String, Double> entry : first.entrySet()) {
            String series = entry.getKey();
            if (series.contains("_total") || series.contains("_bucket") || series.contains("_count") || series.contains("_sum")) {
                assertTrue(later.get(series) >= entry.getValue(), series + " went down: " + entry.getValue() + " → " + later.get(series));
                grew += later.get(series) > entry.getValue() ? 1 : 0;
            }
        }
        assertTrue(grew > 100, "only " + grew + " counters moved in an hour");
    }

    @Test
    void a_locker_whose_db_is_down_says_so_and_leaves_the_db_gauges_out() throws Exception {
        List<FederationText.Sample> samples = FederationText.parse(scrape("locker-0006", Duration.ofSeconds(5)).body());
        assertEquals(LockerKind.DB_DOWN, LockerKind.of(6, 10));
        assertTrue(samples.stream().filter(s -> s.name.equals("cacifo_db_up")).allMatch(s -> s.value == 0));
        assertTrue(samples.stream().noneMatch(s -> s.name.equals("cacifo_doors") || s.name.equals("cacifo_outbox_pending")));
        assertEquals(HEALTHY_SERIES - 10, samples.size());
    }

    @Test
    void lockers_in_trouble_show_it_in_their_series() {
        LockerExposition exposition = new LockerExposition(System.currentTimeMillis());
        long now = System.currentTimeMillis();
        assertEquals(1.0, values(exposition.render(7, LockerKind.ALARM, now)).get(
                "cacifo_door_alarms_open{function=door-manager, instance=gateway:8080, job=functions}"));
        assertTrue(values(exposition.render(4, LockerKind.BACKLOG, now)).get(
                "cacifo_outbox_oldest_pending_age_seconds{function=controller, instance=gateway:8080, job=functions}") >= 900);
        assertEquals(1.0, values(exposition.render(5, LockerKind.JAMMED, now)).get(
                "cacifo_doors_out_of_service{function=door-manager, instance=gateway:8080, job=functions, reason=jammed}"));
    }

    @Test
    void the_dark_lockers_fail_as_a_scrape_fails() throws Exception {
        assertEquals(LockerKind.VANISHED, LockerKind.of(8, 10));
        assertEquals(LockerKind.GARBAGE, LockerKind.of(9, 10));
        assertEquals(LockerKind.TIMEOUT, LockerKind.of(10, 10));
        assertThrows(IOException.class, () -> scrape("locker-0008", Duration.ofSeconds(5)));
        HttpResponse<String> garbage = scrape("locker-0009", Duration.ofSeconds(5));
        assertThrows(IllegalArgumentException.class, () -> FederationText.parse(garbage.body()));
        assertThrows(HttpTimeoutException.class, () -> scrape("locker-0010", Duration.ofSeconds(1)));
        assertEquals(404, scrape("locker-0011", Duration.ofSeconds(5)).statusCode(), "beyond the fleet");
        assertEquals(404, scrape("nobody", Duration.ofSeconds(5)).statusCode());
    }

    @Test
    void promtool_reads_the_text_and_finds_nothing_but_the_help_lines_federation_never_has() throws Exception {
        String text = scrape("locker-0001", Duration.ofSeconds(5)).body();
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        promtool.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        promtool.waitFor();
        List<String> problems = out.lines().filter(line -> !line.endsWith(" no help text")).collect(Collectors.toList());
        assertEquals(List.of(), problems, out);
        assertTrue(out.lines().count() >= 20, "promtool read no families: " + out);
    }

    @Test
    void a_fleet_of_ten_has_every_kind_of_locker() {
        Set<LockerKind> kinds = new TreeSet<>();
        for (int number = 1; number <= 10; number++) {
            kinds.add(LockerKind.of(number, 10));
        }
        assertEquals(Set.of(LockerKind.values()), kinds);
        assertEquals(20, LockerKind.deadCount(1000));
    }

    private static Map<String, Double> values(String text) {
        Map<String, Double> values = new HashMap<>();
        FederationText.parse(text).forEach(s -> values.put(s.series(), s.value));
        return values;
    }

    private static HttpResponse<String> scrape(String locker, Duration timeout) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + simulator.address() + "/federate?match%5B%5D=up&locker=" + locker);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
