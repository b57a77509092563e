package io.cacifo.kit.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** stack.yaml read as faas-cli, of-watchdog and faasd read its parts. */
class StackYamlTest {
    private static final String STACK = "shared: &env\n  db_host: ${DB_HOST:-mariadb}\n  db_port: 3306\n"
            + "functions:\n  one:\n    image: ${REGISTRY}/one\n    environment:\n      <<: *env\n      own: yes-really\n"
            + "    secrets:\n      - a\n      - b\n";

    @Test
    void variables_take_their_default_or_the_environment_s_value_and_anchors_merge() {
        Map<String, Object> byDefault = StackYaml.parse(STACK, Map.of()).functions().get("one");
        Map<String, Object> set = StackYaml.parse(STACK, Map.of("DB_HOST", "10.62.0.1", "REGISTRY", "lan")).functions().get("one");

        assertEquals(Map.of("db_host", "mariadb", "db_port", "3306", "own", "yes-really"),
                StackYaml.strings(byDefault.get("environment"), "one"));
        assertEquals("/one", byDefault.get("image"), "an unset variable without a default is empty, as in envsubst");
        assertEquals("10.62.0.1", StackYaml.strings(set.get("environment"), "one").get("db_host"));
        assertEquals("lan/one", set.get("image"));
        assertEquals("mariadb", StackYaml.strings(StackYaml.parse(STACK, Map.of("DB_HOST", "")).functions().get("one")
                .get("environment"), "one").get("db_host"), "an empty variable takes its default, as in envsubst");
        assertEquals(List.of("a", "b"), StackYaml.list(byDefault.get("secrets"), "one secrets"));
        assertTrue(StackYaml.parse(STACK, Map.of()).text().contains("${DB_HOST:-mariadb}"), "the text stays as written");
    }

    @Test
    void the_repository_s_own_stack_yaml_is_found_from_a_module_folder() {
        Path found = StackYaml.find(Path.of("").toAbsolutePath());

        assertEquals(found, StackYaml.find(found.getParent().resolve("functions/kit")));
        assertTrue(StackYaml.read(Map.of()).functions().containsKey("door-io"), found.toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "functions: []\n",
        "functions:\n  broken: just-text\n",
        "functions:\n  f:\n    secrets: one\n",
        "functions:\n  f:\n    environment:\n      nested: {a: 1}\n",
    })
    void a_node_of_the_wrong_shape_is_refused_naming_the_file(String yaml) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> {
            StackYaml stack = StackYaml.parse(yaml, Map.of());
            stack.functions().forEach((name, node) -> {
                StackYaml.list(node.get("secrets"), stack.source() + ": " + name + " secrets");
                StackYaml.strings(node.get("environment"), stack.source() + ": " + name + " environment");
            });
        });

        assertTrue(refused.getMessage().startsWith("stack.yaml"), refused.getMessage());
    }

    @ParameterizedTest(name = "{0} is {1} ms")
    @CsvSource({"55s, 55000", "500ms, 500", "1m30s, 90000", "2h, 7200000", "1.5s, 1500", "10, 10000", "250us, 0"})
    void durations_are_read_as_of_watchdog_reads_them(String text, long millis) {
        assertEquals(millis, StackYaml.goDuration(text).toMillis());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "s", "10 s", "ten seconds", "-5s", "5d", "5s garbage"})
    void a_duration_that_is_not_one_is_refused(String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> StackYaml.goDuration(text));

        assertTrue(refused.getMessage().contains("'" + text + "'"), refused.getMessage());
    }

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({"96Mi, 100663296", "128M, 128000000", "1Gi, 1073741824", "64Ki, 65536", "2k, 2000", "512, 512"})
    void memory_limits_are_read_as_faasd_reads_them(String text, long bytes) {
        assertEquals(bytes, StackYaml.memoryBytes(text));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "96 Mi", "96mb", "-1Mi"})
    void a_memory_limit_that_is_not_one_is_refused(String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> StackYaml.memoryBytes(text));

        assertTrue(refused.getMessage().contains("'" + text + "'"), refused.getMessage());
    }
}
