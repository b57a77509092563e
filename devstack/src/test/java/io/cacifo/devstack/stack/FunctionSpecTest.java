package io.cacifo.devstack.stack;

import io.cacifo.devstack.Main;
import io.cacifo.kit.testing.StackYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The functions the devstack runs, read from the project's own stack.yaml as faas-cli reads it. */
class FunctionSpecTest {
    private static final Path STACK_YAML = Main.repoRoot(Path.of("").toAbsolutePath()).resolve("stack.yaml");

    private static List<FunctionSpec> read(Map<String, String> env) {
        return FunctionSpec.listIn(StackYaml.read(STACK_YAML, env));
    }

    private static FunctionSpec function(List<FunctionSpec> specs, String name) {
        return specs.stream().filter(spec -> spec.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " missing from " + specs));
    }

    @Test
    void the_seven_functions_are_read_in_stack_yaml_order() {
        List<String> names = read(Map.of()).stream().map(FunctionSpec::name).collect(java.util.stream.Collectors.toList());
        assertEquals(List.of("user-manager", "partner-manager", "door-manager", "reservation-manager", "door-io",
                "screen-io", "controller"), names);
    }

    @ParameterizedTest(name = "{0} gets {1}")
    @CsvSource(delimiter = ';', value = {
        "user-manager;        internal-hmac-key,internal-hmac-key-previous,db-password,backend-public-keys",
        "partner-manager;     internal-hmac-key,internal-hmac-key-previous,db-password,backend-public-keys",
        "door-manager;        internal-hmac-key,internal-hmac-key-previous,db-password,backend-public-keys",
        "reservation-manager; internal-hmac-key,internal-hmac-key-previous,db-password,backend-public-keys,code-hash-key,locker-private-key",
        "door-io;             internal-hmac-key,internal-hmac-key-previous,lock-board-key",
        "screen-io;           internal-hmac-key,internal-hmac-key-previous,db-password",
        "controller;          internal-hmac-key,internal-hmac-key-previous,db-password,backend-public-keys,backend-hmac-key",
    })
    void each_function_gets_exactly_the_secrets_stack_yaml_lists_and_no_more_than_it_needs(String name, String secrets) {
        assertEquals(List.of(secrets.split(",")), function(read(Map.of()), name).secrets());
    }

    @Test
    void a_merged_environment_keeps_the_shared_values_and_the_function_s_own_name() {
        FunctionSpec partners = function(read(Map.of()), "partner-manager");

        assertEquals("partner-manager", partners.environment().get("function_name"));
        assertEquals("mariadb", partners.environment().get("db_host"));
        assertEquals("3306", partners.environment().get("db_port"));
        assertEquals("4", partners.environment().get("db_pool_size"));
        assertEquals(Duration.ofSeconds(10), partners.execTimeout());
    }

    @Test
    void door_io_has_its_own_environment_and_a_longer_exec_timeout() {
        FunctionSpec doorIo = function(read(Map.of()), "door-io");

        assertEquals("http://10.62.0.1:8070", doorIo.environment().get("lock_board_url"));
        assertEquals("45000", doorIo.environment().get("door_close_timeout_ms"));
        assertEquals(Duration.ofSeconds(55), doorIo.execTimeout());
        assertTrue(!doorIo.environment().containsKey("db_host"), doorIo.environment().toString());
    }

    @Test
    void variables_take_their_default_unless_the_environment_sets_them() {
        FunctionSpec byDefault = function(read(Map.of()), "controller");
        FunctionSpec set = function(read(Map.of("LOCKER_ID", "locker-042", "REGISTRY", "registry.local")),
                "controller");

        assertEquals("locker-001", byDefault.environment().get("locker_id"));
        assertEquals("ghcr.io/cacifo/controller:0.1.0", byDefault.image());
        assertEquals("locker-042", set.environment().get("locker_id"));
        assertEquals("registry.local/controller:0.1.0", set.image());
    }

    @Test
    void annotations_are_read_for_the_system_api() {
        FunctionSpec controller = function(read(Map.of()), "controller");

        assertEquals(Map.of("topic", "cron-function", "schedule", "*/1 * * * *"), controller.annotations());
    }

    @Test
    void a_function_without_exec_timeout_gets_faasd_s_60_seconds() {
        List<FunctionSpec> specs = FunctionSpec.listIn(StackYaml.parse(
                "functions:\n  plain:\n    handler: ./functions/plain\n    environment:\n      port: 8080\n", Map.of()));

        FunctionSpec plain = function(specs, "plain");
        assertEquals(Duration.ofSeconds(60), plain.execTimeout());
        assertEquals("8080", plain.environment().get("port"));
        assertEquals(List.of(), plain.secrets());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "functions: []\n",
        "functions:\n  broken: just-text\n",
        "functions:\n  nohandler:\n    image: x\n",
        "functions:\n  f:\n    handler: ./f\n    secrets: one\n",
        "functions:\n  f:\n    handler: ./f\n    environment:\n      nested: {a: 1}\n",
    })
    void a_stack_file_without_what_the_devstack_needs_is_refused_with_its_name(String yaml, @TempDir Path dir)
            throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), yaml);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> FunctionSpec.listIn(StackYaml.read(bad, Map.of())));

        assertTrue(refused.getMessage().startsWith(bad.toString()), refused.getMessage());
    }
}
