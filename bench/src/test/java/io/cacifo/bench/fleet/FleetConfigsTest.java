package io.cacifo.bench.fleet;

import io.cacifo.devstack.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench's configs are the production file with only the targets and rules replaced, and promtool accepts them. */
class FleetConfigsTest {
    private static final Path REPO = Main.repoRoot(Path.of("").toAbsolutePath());

    @Test
    void the_central_configs_keep_the_lockers_job_and_load_the_fleet_rules(@TempDir Path dir) throws Exception {
        String federate = Files.readString(REPO.resolve("prometheus-federate.yml"), StandardCharsets.UTF_8);
        Path targets = Files.writeString(dir.resolve("lockers.yml"), FleetConfigs.targets("127.0.0.1:9", 3));
        List<Path> rules = CentralSide.ruleFiles(REPO);
        Path central = Files.writeString(dir.resolve("central.yml"), FleetConfigs.federation(federate, targets, rules));
        Path receiver = Files.writeString(dir.resolve("receiver.yml"), FleetConfigs.receiver(federate, rules));
        String centralText = Files.readString(central);
        assertTrue(centralText.contains("honor_labels: true") && centralText.contains("metrics_path: /federate")
                && centralText.contains(targets.toString()) && centralText.contains("fleet-rules.yml"), centralText);
        assertEquals("", promtool(central), "promtool on " + centralText);
        assertEquals("", promtool(receiver));
    }

    @Test
    void the_targets_file_tells_the_lockers_apart_by_label_and_parameter() {
        String targets = FleetConfigs.targets("127.0.0.1:9", 2);
        assertTrue(targets.contains("locker: locker-0001") && targets.contains("__param_locker: locker-0002"), targets);
    }

    @Test
    void the_agent_sends_what_it_scrapes_but_not_its_own_per_target_series() {
        String federate = "global: {scrape_interval: 15s, evaluation_interval: 15s}\n"
                + "rule_files: ['/etc/prometheus/cacifo-rules/*.yml']\n"
                + "scrape_configs:\n  - job_name: lockers\n    file_sd_configs: [{files: [/x.yml]}]\n";
        String agent = FleetConfigs.agent(federate, Path.of("/t/lockers.yml"), "http://127.0.0.1:9/api/v1/write");
        assertTrue(agent.contains("url: http://127.0.0.1:9/api/v1/write") && agent.contains("regex: lockers")
                && agent.contains("action: drop") && agent.contains("/t/lockers.yml"), agent);
        assertTrue(!agent.contains("rule_files") && !agent.contains("evaluation_interval"), "agent mode refuses rules: " + agent);
    }

    /** promtool's complaints (empty when it accepts the file). */
    private static String promtool(Path config) throws Exception {
        Process process = new ProcessBuilder("promtool", "check", "config", config.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return process.waitFor() == 0 ? "" : out;
    }
}
