package io.cacifo.devstack.prometheus;

import io.cacifo.devstack.Main;
import io.cacifo.kit.testing.Prerequisite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertmanagerConfigsTest {
    private static final Path REPO = Main.repoRoot(Path.of("").toAbsolutePath());
    private static final URI WEBHOOK = URI.create("http://127.0.0.1:18090/alerts");

    private static String production() throws IOException {
        return Files.readString(REPO.resolve("prometheus/alertmanager.yml"), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) new Yaml(new LoaderOptions()).load(text);
    }

    @Test
    void every_receiver_becomes_a_webhook_to_the_back_end_stand_in_and_nothing_else() throws IOException {
        String withMail = production().replace("  - name: operators\n", "  - name: operators\n"
                + "    email_configs: [{to: 'ops@example.org', from: 'am@example.org', smarthost: 'mail.example.org:587'}]\n");

        Map<String, Object> local = yaml(AlertmanagerConfigs.devstack(withMail, WEBHOOK));

        assertEquals(List.of(Map.of("name", "operators", "webhook_configs",
                List.of(Map.of("url", WEBHOOK.toString(), "send_resolved", true)))), local.get("receivers"));
    }

    @Test
    void grouping_and_inhibition_stay_as_in_production_and_only_the_waits_are_short() throws IOException {
        Map<String, Object> production = yaml(production());

        Map<String, Object> local = yaml(AlertmanagerConfigs.devstack(production(), WEBHOOK));

        Map<?, ?> route = (Map<?, ?>) local.get("route");
        Map<?, ?> productionRoute = (Map<?, ?>) production.get("route");
        assertEquals(AlertmanagerConfigs.GROUP_WAIT, route.get("group_wait"));
        assertEquals(AlertmanagerConfigs.GROUP_INTERVAL, route.get("group_interval"));
        assertEquals(productionRoute.get("group_by"), route.get("group_by"));
        assertEquals(productionRoute.get("repeat_interval"), route.get("repeat_interval"));
        assertEquals(productionRoute.get("routes"), route.get("routes"), "sub-routes set no waits of their own, so they inherit");
        assertEquals(production.get("inhibit_rules"), local.get("inhibit_rules"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "just text", "route: {receiver: x}", "receivers: []", "- a list",
            "route: {receiver: x}\nreceivers: [7]"})
    void a_file_that_is_not_an_alertmanager_config_is_refused_with_its_name(String text) {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> AlertmanagerConfigs.devstack(text, WEBHOOK));

        assertTrue(error.getMessage().contains("prometheus/alertmanager.yml"), error.getMessage());
    }

    @Test
    void amtool_accepts_the_generated_config(@TempDir Path dir) throws Exception {
        Prerequisite.require(LocalPrometheus.onPath("amtool", System.getenv().getOrDefault("PATH", "")).isPresent(),
                "amtool is not on PATH (Debian: apt-get install prometheus-alertmanager)");
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), AlertmanagerConfigs.devstack(production(), WEBHOOK));

        Process amtool = new ProcessBuilder("amtool", "check-config", config.toString()).redirectErrorStream(true).start();
        assertTrue(amtool.waitFor(30, TimeUnit.SECONDS), "amtool did not finish");
        String output = new String(amtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, amtool.exitValue(), output);
        assertTrue(output.contains("SUCCESS"), output);
    }
}
