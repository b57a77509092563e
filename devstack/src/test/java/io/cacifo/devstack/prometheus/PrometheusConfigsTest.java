package io.cacifo.devstack.prometheus;

import io.cacifo.devstack.Main;
import io.cacifo.kit.testing.Prerequisite;
import io.cacifo.kit.testing.StackYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@SuppressWarnings("unchecked")
class PrometheusConfigsTest {
    /**
     * faasd's addresses as the devstack maps them (LocalPrometheus): both gateway ports are its one
     * gateway; faasd-provider is its stand-in.
     */
    private static final Map<String, String> LOCAL_TARGETS = Map.of("localhost:9090", "127.0.0.1:19090",
            "gateway:8082", "127.0.0.1:18080", "gateway:8080", "127.0.0.1:18080", "faasd-provider:8081", "127.0.0.1:18081");
    /** Without the provider stand-in (LocalPrometheus given none). */
    private static final Map<String, String> GATEWAY_ONLY = Map.of("localhost:9090", "127.0.0.1:19090",
            "gateway:8082", "127.0.0.1:18080", "gateway:8080", "127.0.0.1:18080");
    private static final Path REPO = Main.repoRoot(Path.of("").toAbsolutePath());
    /** stack.yaml's functions, in its order. */
    private static final List<String> FUNCTIONS = List.copyOf(StackYaml.read(REPO.resolve("stack.yaml"), Map.of())
            .functions().keySet());

    private static String read(String relative) throws IOException {
        return Files.readString(REPO.resolve(relative), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) new Yaml(new LoaderOptions()).load(text);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> jobs(Map<String, Object> config) {
        return (List<Map<String, Object>>) config.get("scrape_configs");
    }

    @Test
    void the_central_config_keeps_every_federation_setting_and_changes_only_intervals_and_targets() throws IOException {
        Path targets = Path.of("/state/prometheus/central/lockers.yml");
        Map<String, Object> production = yaml(read("prometheus-federate.yml"));

        Map<String, Object> local = yaml(PrometheusConfigs.central(read("prometheus-federate.yml"), "2s", targets));

        assertEquals(Map.of("scrape_interval", "2s", "scrape_timeout", "2s", "evaluation_interval", "2s"), local.get("global"));
        assertEquals(jobs(production).size(), jobs(local).size());
        for (int i = 0; i < jobs(production).size(); i++) {
            Map<String, Object> expected = new LinkedHashMap<>(jobs(production).get(i));
            Map<String, Object> got = new LinkedHashMap<>(jobs(local).get(i));
            assertEquals(List.of(Map.of("files", List.of(targets.toString()), "refresh_interval", "1m")),
                    got.remove("file_sd_configs"));
            expected.remove("file_sd_configs");
            assertEquals(expected, got, "everything but the targets file stays as prometheus-federate.yml has it");
        }
        Map<String, Object> lockers = jobs(local).get(0);
        assertEquals("/federate", lockers.get("metrics_path"));
        assertEquals(true, lockers.get("honor_labels"));
    }

    @Test
    void the_central_config_evaluates_the_repositorys_rule_files_and_sends_alerts_to_the_given_alertmanager() throws IOException {
        List<Path> rules = List.of(Path.of("/repo/prometheus/fleet-rules.yml"), Path.of("/repo/prometheus/alerts.yml"));
        Map<String, Object> production = yaml(read("prometheus-federate.yml"));

        Map<String, Object> local = yaml(PrometheusConfigs.central(read("prometheus-federate.yml"), "2s",
                Path.of("/state/lockers.yml"), rules, Optional.of("127.0.0.1:19093")));

        assertEquals(List.of("/etc/prometheus/cacifo-rules/*.yml"), production.get("rule_files"));
        assertEquals(List.of("/repo/prometheus/fleet-rules.yml", "/repo/prometheus/alerts.yml"), local.get("rule_files"));
        assertEquals(Map.of("alertmanagers", List.of(Map.of("static_configs", List.of(Map.of("targets", List.of("127.0.0.1:19093")))))),
                local.get("alerting"));
    }

    @Test
    void without_an_alertmanager_the_central_config_sends_alerts_nowhere_instead_of_to_the_production_address() throws IOException {
        Map<String, Object> local = yaml(PrometheusConfigs.central(read("prometheus-federate.yml"), "2s",
                Path.of("/state/lockers.yml"), List.of(REPO.resolve("prometheus/alerts.yml")), Optional.empty()));

        assertEquals(null, local.get("alerting"));
        assertEquals(List.of(REPO.resolve("prometheus/alerts.yml").toString()), local.get("rule_files"));
    }

    @Test
    void the_locker_config_points_faasds_targets_at_local_addresses_the_provider_at_its_stand_in() throws IOException {
        Map<String, Object> local = yaml(PrometheusConfigs.locker(read("prometheus/locker.yml"), "2s",
                LOCAL_TARGETS));

        List<String> names = new ArrayList<>();
        Map<String, Object> targetsByJob = new LinkedHashMap<>();
        for (Map<String, Object> job : jobs(local)) {
            names.add((String) job.get("job_name"));
            targetsByJob.put((String) job.get("job_name"), job.get("static_configs"));
        }
        assertEquals(List.of("prometheus", "gateway", "provider", "functions"), names);
        assertEquals(List.of(Map.of("targets", List.of("127.0.0.1:18080"))), targetsByJob.get("gateway"));
        assertEquals(List.of(Map.of("targets", List.of("127.0.0.1:18081"))), targetsByJob.get("provider"));
        assertEquals(List.of(Map.of("targets", List.of("127.0.0.1:19090"))), targetsByJob.get("prometheus"));
        assertEquals("2s", ((Map<?, ?>) local.get("global")).get("scrape_interval"));
    }

    @Test
    void without_a_provider_stand_in_the_provider_and_functions_jobs_are_left_out() throws IOException {
        Map<String, Object> local = yaml(PrometheusConfigs.locker(read("prometheus/locker.yml"), "2s", GATEWAY_ONLY));

        List<String> names = new ArrayList<>();
        jobs(local).forEach(job -> names.add((String) job.get("job_name")));
        assertEquals(List.of("prometheus", "gateway"), names, "no job may scrape an address nothing stands in for");
    }

    @Test
    void the_remote_write_locker_config_scrapes_exactly_what_faasds_locker_yml_scrapes() throws IOException {
        Map<String, Object> faasd = yaml(read("prometheus/locker.yml"));
        Map<String, Object> pushing = yaml(read("prometheus/locker-remote-write.yml"));

        assertEquals(faasd.get("scrape_configs"), pushing.get("scrape_configs"),
                "prometheus/locker-remote-write.yml must keep prometheus/locker.yml's scrape_configs");
        Map<String, Object> global = new LinkedHashMap<>((Map<String, Object>) pushing.get("global"));
        assertEquals(Map.of("locker", "locker-001"), global.remove("external_labels"));
        assertEquals(faasd.get("global"), global, "the intervals stay faasd's");
        List<Map<String, Object>> writes = (List<Map<String, Object>>) pushing.get("remote_write");
        assertEquals(1, writes.size());
        Map<String, Object> login = (Map<String, Object>) writes.get(0).get("basic_auth");
        assertEquals(Set.of("username", "password_file"), login.keySet(), "the password comes from a file, never inline");
        assertTrue(((String) writes.get(0).get("url")).startsWith("https://"), "the push crosses the internet: TLS");
    }

    /**
     * Series the locker's Prometheus holds: (name, job, whether the centre gets it), the gateway's and
     * the locker's own (job functions, cacifo_*).
     */
    static Stream<Arguments> lockerSeries() {
        return Stream.of(
                Arguments.of("gateway_function_invocation_total", "gateway", true),
                Arguments.of("gateway_functions_seconds_bucket", "gateway", true),
                Arguments.of("gateway_functions_seconds_sum", "gateway", true),
                Arguments.of("gateway_functions_seconds_count", "gateway", true),
                Arguments.of("gateway_service_count", "gateway", true),
                Arguments.of("up", "gateway", true),
                Arguments.of("up", "provider", true),
                Arguments.of("up", "prometheus", true),
                Arguments.of("up", "functions", true),
                Arguments.of("cacifo_doors", "functions", true),
                Arguments.of("cacifo_outbox_pending", "functions", true),
                Arguments.of("process_resident_memory_bytes", "gateway", true),
                Arguments.of("process_cpu_seconds_total", "provider", true),
                Arguments.of("process_open_fds", "provider", true),
                Arguments.of("process_resident_memory_bytes", "functions", true),
                Arguments.of("process_start_time_seconds", "functions", true),
                Arguments.of("jvm_memory_used_bytes", "functions", true),
                Arguments.of("jvm_memory_max_bytes", "functions", true),
                Arguments.of("jvm_threads_current", "functions", true),
                Arguments.of("jvm_gc_collection_seconds_sum", "functions", true),
                Arguments.of("jvm_gc_collection_seconds_count", "functions", false),
                Arguments.of("jvm_memory_committed_bytes", "functions", false),
                Arguments.of("process_cpu_seconds_total", "functions", false),
                Arguments.of("jvm_memory_used_bytes", "gateway", false),
                Arguments.of("process_resident_memory_bytes", "prometheus", false),
                Arguments.of("process_virtual_memory_bytes", "gateway", false),
                Arguments.of("go_goroutines", "gateway", false),
                Arguments.of("prometheus_tsdb_head_series", "prometheus", false),
                Arguments.of("scrape_duration_seconds", "gateway", false));
    }

    /** Of the JVM's memory pools, metaspace alone crosses to the centre. */
    @ParameterizedTest(name = "pool {0}: sent {1}")
    @CsvSource({"Metaspace, true", "Compressed Class Space, false", "Eden Space, false", "Tenured Gen, false", "CodeHeap 'non-profiled nmethods', false"})
    void the_push_path_sends_a_memory_pool_exactly_when_the_federation_federates_it(String pool, boolean sent) throws IOException {
        List<String> matchers = (List<String>) ((Map<String, Object>) jobs(yaml(read("prometheus-federate.yml"))).get(0)
                .get("params")).get("match[]");
        Map<String, Object> write = ((List<Map<String, Object>>) yaml(read("prometheus/locker-remote-write.yml"))
                .get("remote_write")).get(0);
        Map<String, String> series = Map.of("__name__", "jvm_memory_pool_used_bytes", "job", "functions", "pool", pool);

        assertEquals(sent, FederationMatch.any(matchers, series), "prometheus-federate.yml's match[]");
        assertEquals(sent, WriteRelabel.keeps((List<Map<String, Object>>) write.get("write_relabel_configs"), series),
                "prometheus/locker-remote-write.yml's write_relabel_configs");
    }

    @ParameterizedTest(name = "{0} of job {1}: sent {2}")
    @MethodSource("lockerSeries")
    void the_push_path_sends_a_series_exactly_when_the_federation_federates_it(String name, String job, boolean sent)
            throws IOException {
        List<String> matchers = (List<String>) ((Map<String, Object>) jobs(yaml(read("prometheus-federate.yml"))).get(0)
                .get("params")).get("match[]");
        Map<String, Object> write = ((List<Map<String, Object>>) yaml(read("prometheus/locker-remote-write.yml"))
                .get("remote_write")).get(0);

        assertEquals(sent, FederationMatch.any(matchers, Map.of("__name__", name, "job", job)), "prometheus-federate.yml's match[]");
        assertEquals(sent, WriteRelabel.keeps((List<Map<String, Object>>) write.get("write_relabel_configs"),
                Map.of("__name__", name, "job", job)), "prometheus/locker-remote-write.yml's write_relabel_configs");
    }

    @Test
    void the_devstack_pushes_to_the_local_store_without_login_or_tls_and_keeps_what_production_sends() throws IOException {
        Map<String, Object> production = yaml(read("prometheus/locker-remote-write.yml"));
        Map<String, Object> local = yaml(PrometheusConfigs.lockerPushing(read("prometheus/locker-remote-write.yml"), "2s",
                LOCAL_TARGETS,
                URI.create("http://127.0.0.1:19091/api/v1/write"), "locker-007"));

        assertEquals(Map.of("locker", "locker-007"), ((Map<?, ?>) local.get("global")).get("external_labels"));
        List<String> names = new ArrayList<>();
        jobs(local).forEach(job -> names.add((String) job.get("job_name")));
        assertEquals(List.of("prometheus", "gateway", "provider", "functions"), names);
        Map<String, Object> expected = new LinkedHashMap<>(((List<Map<String, Object>>) production.get("remote_write")).get(0));
        Map<String, Object> got = new LinkedHashMap<>(((List<Map<String, Object>>) local.get("remote_write")).get(0));
        assertEquals("http://127.0.0.1:19091/api/v1/write", got.remove("url"));
        Map<String, Object> queue = new LinkedHashMap<>((Map<String, Object>) got.remove("queue_config"));
        assertEquals("2s", queue.remove("batch_send_deadline"));
        Map<String, Object> productionQueue = new LinkedHashMap<>((Map<String, Object>) expected.remove("queue_config"));
        productionQueue.remove("batch_send_deadline");
        assertEquals(productionQueue, queue);
        expected.remove("url");
        expected.remove("basic_auth");
        assertEquals(expected, got, "everything but the address, the login and the batch deadline stays as production has it");
    }

    @Test
    void the_receiving_central_config_evaluates_the_repositorys_rules_and_alerts_only_a_running_alertmanager() throws IOException {
        List<Path> rules = List.of(REPO.resolve("prometheus/fleet-rules.yml"));

        Map<String, Object> alone = yaml(PrometheusConfigs.centralReceiving(read("prometheus/central-remote-write.yml"), "2s",
                rules, Optional.empty()));
        Map<String, Object> alerting = yaml(PrometheusConfigs.centralReceiving(read("prometheus/central-remote-write.yml"), "2s",
                rules, Optional.of("127.0.0.1:19093")));

        assertEquals(List.of(REPO.resolve("prometheus/fleet-rules.yml").toString()), alone.get("rule_files"));
        assertEquals(List.of(), alone.get("scrape_configs"), "the lockers push; the centre scrapes none");
        assertEquals("2s", ((Map<?, ?>) alone.get("global")).get("evaluation_interval"));
        assertEquals(null, alone.get("alerting"));
        assertEquals(Map.of("alertmanagers", List.of(Map.of("static_configs", List.of(Map.of("targets", List.of("127.0.0.1:19093")))))),
                alerting.get("alerting"));
        assertEquals(yaml(read("prometheus/central-remote-write.yml")).get("storage"), alone.get("storage"));
    }

    @Test
    void a_remote_write_config_without_remote_write_is_refused_with_its_name() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> PrometheusConfigs.lockerPushing(
                "scrape_configs: []\n", "2s", Map.of(), URI.create("http://127.0.0.1:1/api/v1/write"), "locker-001"));

        assertTrue(error.getMessage().contains("prometheus/locker-remote-write.yml"), error.getMessage());
    }

    @Test
    void the_functions_job_scrapes_every_function_s_metrics_path_through_the_provider_stand_in() throws IOException {
        Map<String, Object> local = yaml(PrometheusConfigs.locker(read("prometheus/locker.yml"), "2s", LOCAL_TARGETS));

        Map<String, Object> functions = jobs(local).stream().filter(job -> "functions".equals(job.get("job_name")))
                .findFirst().orElseThrow(() -> new AssertionError("no functions job in " + local));
        List<Map<String, Object>> expected = new ArrayList<>();
        for (String function : FUNCTIONS) {
            expected.add(Map.of("targets", List.of("127.0.0.1:18081"),
                    "labels", Map.of("function", function, "__metrics_path__", "/function/" + function + "/metrics")));
        }
        assertEquals(expected, functions.get("static_configs"));
    }

    @Test
    void the_central_config_federates_the_locker_s_own_series_and_the_functions_job_s_up() throws IOException {
        Map<String, Object> central = yaml(PrometheusConfigs.central(read("prometheus-federate.yml"), "2s", Path.of("t.yml")));

        Object match = ((Map<?, ?>) jobs(central).get(0).get("params")).get("match[]");

        assertTrue(((List<?>) match).contains("{__name__=~\"cacifo_.+\"}"), String.valueOf(match));
        assertTrue(((List<?>) match).contains("{__name__=\"up\",job=\"functions\"}"), String.valueOf(match));
    }

    @Test
    void the_targets_file_labels_its_one_target_with_the_locker_id() {
        Object groups = new Yaml(new LoaderOptions()).load(PrometheusConfigs.targets("127.0.0.1:19090", "locker-007"));

        assertEquals(List.of(Map.of("targets", List.of("127.0.0.1:19090"), "labels", Map.of("locker", "locker-007"))), groups);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "just text", "scrape_configs: 3", "- a list"})
    void a_file_that_is_not_a_prometheus_config_is_refused_with_its_name(String text) {
        IllegalStateException central = assertThrows(IllegalStateException.class,
                () -> PrometheusConfigs.central(text, "2s", Path.of("t.yml")));
        IllegalStateException locker = assertThrows(IllegalStateException.class,
                () -> PrometheusConfigs.locker(text, "2s", Map.of()));

        assertTrue(central.getMessage().contains("prometheus-federate.yml"), central.getMessage());
        assertTrue(locker.getMessage().contains("prometheus/locker.yml"), locker.getMessage());
    }

    @Test
    void promtool_accepts_the_production_files_the_example_lockers_and_every_generated_config(@TempDir Path dir)
            throws Exception {
        Prerequisite.require(LocalPrometheus.onPath("promtool", System.getenv().getOrDefault("PATH", "")).isPresent(),
                "promtool is not on PATH (Debian: apt-get install prometheus)");
        Path central = dir.resolve("central.yml");
        // promtool also checks the rule files a config names: the repository's three.
        Files.writeString(central, PrometheusConfigs.central(read("prometheus-federate.yml"), "2s",
                REPO.resolve("prometheus/lockers.example.yml"),
                PrometheusConfigs.RULE_FILES.stream().map(REPO::resolve).collect(Collectors.toList()), Optional.of("127.0.0.1:19093")));
        Path locker = dir.resolve("locker.yml");
        Files.writeString(locker, PrometheusConfigs.locker(read("prometheus/locker.yml"), "2s",
                LOCAL_TARGETS));

        Path pushing = dir.resolve("locker-remote-write.yml");
        Files.writeString(pushing, PrometheusConfigs.lockerPushing(read("prometheus/locker-remote-write.yml"), "2s",
                LOCAL_TARGETS,
                URI.create("http://127.0.0.1:19091/api/v1/write"), "locker-001"));
        Path receiving = dir.resolve("central-remote-write.yml");
        Files.writeString(receiving, PrometheusConfigs.centralReceiving(read("prometheus/central-remote-write.yml"), "2s",
                PrometheusConfigs.RULE_FILES.stream().map(REPO::resolve).collect(Collectors.toList()), Optional.of("127.0.0.1:19093")));

        for (Path config : List.of(REPO.resolve("prometheus-federate.yml"), REPO.resolve("prometheus/locker.yml"),
                REPO.resolve("prometheus/locker-remote-write.yml"), REPO.resolve("prometheus/central-remote-write.yml"),
                central, locker, pushing, receiving)) {
            String output = promtool(config, 0);
            assertTrue(output.contains("SUCCESS"), output);
        }
    }

    @Test
    void promtool_reads_the_targets_file_so_a_broken_one_fails_the_check(@TempDir Path dir) throws Exception {
        Prerequisite.require(LocalPrometheus.onPath("promtool", System.getenv().getOrDefault("PATH", "")).isPresent(),
                "promtool is not on PATH (Debian: apt-get install prometheus)");
        Path targets = dir.resolve("lockers.yml");
        Files.writeString(targets, "- labels: {locker: locker-001}\n  targets: 7\n");
        Path central = dir.resolve("central.yml");
        Files.writeString(central, PrometheusConfigs.central(read("prometheus-federate.yml"), "2s", targets));

        String output = promtool(central, 1);

        assertTrue(output.contains("lockers.yml"), output);
    }

    private static String promtool(Path config, int expectedExit) throws Exception {
        Process process = new ProcessBuilder("promtool", "check", "config", config.toString())
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(expectedExit, process.exitValue(), "promtool check config " + config + ":\n" + output);
        return output;
    }
}
