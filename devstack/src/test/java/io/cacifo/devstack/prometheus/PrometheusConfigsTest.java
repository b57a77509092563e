package io.cacifo.devstack.prometheus;

import io.cacifo.devstack.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PrometheusConfigsTest {
    /** faasd's addresses as the devstack maps them (LocalPrometheus): both gateway ports are its one gateway. */
    private static final Map<String, String> LOCAL_TARGETS = Map.of("localhost:9090", "127.0.0.1:19090",
            "gateway:8082", "127.0.0.1:18080", "gateway:8080", "127.0.0.1:18080");
    private static final Path REPO = Main.repoRoot(Path.of("").toAbsolutePath());

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
    void the_locker_config_points_faasds_targets_at_local_addresses_and_leaves_out_the_provider() throws IOException {
        Map<String, Object> local = yaml(PrometheusConfigs.locker(read("prometheus/locker.yml"), "2s",
                LOCAL_TARGETS));

        List<String> names = new ArrayList<>();
        Map<String, Object> targetsByJob = new LinkedHashMap<>();
        for (Map<String, Object> job : jobs(local)) {
            names.add((String) job.get("job_name"));
            targetsByJob.put((String) job.get("job_name"), job.get("static_configs"));
        }
        assertEquals(List.of("prometheus", "gateway", "functions"), names);
        assertEquals(List.of(Map.of("targets", List.of("127.0.0.1:18080"))), targetsByJob.get("gateway"));
        assertEquals(List.of(Map.of("targets", List.of("127.0.0.1:19090"))), targetsByJob.get("prometheus"));
        assertEquals("2s", ((Map<?, ?>) local.get("global")).get("scrape_interval"));
    }

    @Test
    void the_functions_job_scrapes_each_function_s_metrics_path_through_the_local_gateway() throws IOException {
        Map<String, Object> local = yaml(PrometheusConfigs.locker(read("prometheus/locker.yml"), "2s", LOCAL_TARGETS));

        Map<String, Object> functions = jobs(local).stream().filter(job -> "functions".equals(job.get("job_name")))
                .findFirst().orElseThrow(() -> new AssertionError("no functions job in " + local));
        List<Map<String, Object>> expected = new ArrayList<>();
        for (String function : List.of("controller", "door-manager", "screen-io")) {
            expected.add(Map.of("targets", List.of("127.0.0.1:18080"),
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
    void promtool_accepts_the_production_files_the_example_lockers_and_both_generated_configs(@TempDir Path dir)
            throws Exception {
        assumeTrue(LocalPrometheus.onPath("promtool", System.getenv().getOrDefault("PATH", "")).isPresent(),
                "promtool is not on PATH (Debian: apt-get install prometheus)");
        Path central = dir.resolve("central.yml");
        // promtool also checks the rule files a config names: the repository's two.
        Files.writeString(central, PrometheusConfigs.central(read("prometheus-federate.yml"), "2s",
                REPO.resolve("prometheus/lockers.example.yml"),
                PrometheusConfigs.RULE_FILES.stream().map(REPO::resolve).collect(Collectors.toList()), Optional.of("127.0.0.1:19093")));
        Path locker = dir.resolve("locker.yml");
        Files.writeString(locker, PrometheusConfigs.locker(read("prometheus/locker.yml"), "2s",
                LOCAL_TARGETS));

        for (Path config : List.of(REPO.resolve("prometheus-federate.yml"), REPO.resolve("prometheus/locker.yml"), central, locker)) {
            String output = promtool(config, 0);
            assertTrue(output.contains("SUCCESS"), output);
        }
    }

    @Test
    void promtool_reads_the_targets_file_so_a_broken_one_fails_the_check(@TempDir Path dir) throws Exception {
        assumeTrue(LocalPrometheus.onPath("promtool", System.getenv().getOrDefault("PATH", "")).isPresent(),
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
