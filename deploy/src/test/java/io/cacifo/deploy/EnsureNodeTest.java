package io.cacifo.deploy;

import io.cacifo.kit.testing.Prerequisite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** scripts/ensure-node.sh: which Node.js the dashboard takes, read from metrics-ui/package.json's engines. */
class EnsureNodeTest {
    @ParameterizedTest(name = "node {0}: accepted {1}")
    @CsvSource({
        "v18.19.0, false", // Debian 12's own
        "v20.18.9, false",
        "v20.19.0, true",
        "v20.20.2, true",
        "v21.7.0, false",
        "v22.11.0, false",
        "v22.12.0, true",
        "v24.1.0, true",
    })
    void the_dashboard_takes_the_node_versions_its_engines_name(String version, boolean accepted) throws IOException {
        Processes.Result answer = Processes.run(List.of("bash", "scripts/ensure-node.sh", "--accepts", version), Map.of());
        assertEquals(accepted ? 0 : 1, answer.exitCode, answer.toString());
    }

    @Test
    void a_machine_whose_node_is_accepted_is_left_as_it_is() throws IOException {
        Processes.Result run = Processes.run(List.of("bash", "scripts/ensure-node.sh"), Map.of());
        assertEquals(0, run.exitCode, run.toString());
        assertEquals("", run.output.trim(), "nothing to install, nothing said");
    }

    @Test
    void shellcheck_finds_nothing_in_the_machine_scripts() throws IOException {
        Prerequisite.require(Processes.onPath("shellcheck"), "shellcheck is not installed here");
        Processes.Result check = Processes.run(List.of("shellcheck", "scripts/ensure-tools.sh", "scripts/ensure-node.sh"), Map.of());
        assertEquals(0, check.exitCode, check.toString());
    }
}
