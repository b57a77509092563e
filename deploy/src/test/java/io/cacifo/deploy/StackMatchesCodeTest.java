package io.cacifo.deploy;

import io.cacifo.kit.testing.StackYaml;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * stack.yaml against the code: a secret or setting name the code does not read is a typo (or a
 * secret handed to a function that has no use for it), and a secret the code requires but
 * stack.yaml does not mount fails the function at its first call on the Pi.
 */
class StackMatchesCodeTest {
    /**
     * The settings of-watchdog reads itself (openfaas/of-watchdog, config.go / README "Configuration"),
     * not the function's code.
     */
    static final Set<String> WATCHDOG_SETTINGS = Set.of("fprocess", "function_process", "mode", "upstream_url",
            "http_upstream_url", "port", "read_timeout", "write_timeout", "exec_timeout", "healthcheck_interval",
            "max_inflight", "prefix_logs", "log_buffer_size", "buffer_http", "content_type", "suppress_lock",
            "ready_path", "static_path");

    private static final StackYaml STACK = StackYaml.read(Map.of());
    private static final CodeReads CODE = CodeReads.scan(Repo.ROOT);

    static Stream<String> functions() {
        return STACK.functions().keySet().stream();
    }

    private static Set<String> mounted(String name) {
        return new TreeSet<>(StackYaml.list(STACK.functions().get(name).get("secrets"), name));
    }

    private static Set<String> environmentKeys(String name) {
        return StackYaml.strings(STACK.functions().get(name).get("environment"), name).keySet();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void every_secret_the_function_s_code_requires_is_mounted(String name) {
        CodeReads.Reads reads = CODE.function(name);
        Set<String> missing = new TreeSet<>(reads.requiredSecrets);
        missing.removeAll(mounted(name));
        assertEquals(Set.of(), missing, name + " requires " + reads.requiredSecrets + " (through "
                + reads.kitMethods + ") but stack.yaml mounts " + mounted(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void every_mounted_secret_is_one_the_function_s_code_reads(String name) {
        CodeReads.Reads reads = CODE.function(name);
        Set<String> unread = new TreeSet<>(mounted(name));
        unread.removeAll(reads.secrets());
        assertEquals(Set.of(), unread, name + " reads only " + reads.secrets() + "; a secret it never reads is a typo "
                + "or a key handed out for nothing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void every_environment_key_is_a_setting_some_code_knows(String name) {
        Set<String> known = new TreeSet<>(CODE.knownSettings());
        known.addAll(WATCHDOG_SETTINGS);
        Set<String> unknown = new TreeSet<>(environmentKeys(name));
        unknown.removeAll(known);
        assertEquals(Set.of(), unknown, name + ": no code reads these (typos?)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void every_environment_key_is_read_by_this_function(String name) {
        Set<String> read = new TreeSet<>(CODE.function(name).settings);
        read.addAll(WATCHDOG_SETTINGS);
        Set<String> unused = new TreeSet<>(environmentKeys(name));
        unused.removeAll(read);
        assertEquals(Set.of(), unused, name + " reads " + CODE.function(name).settings + " (through "
                + CODE.function(name).kitMethods + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void the_analysis_follows_each_function_into_the_kit(String name) {
        CodeReads.Reads reads = CODE.function(name);
        // Every handler builds Services.fromEnvironment(), routes by its function_name and signs or
        // verifies with the internal key: if these are not found, the checks above say nothing.
        assertTrue(reads.settings.containsAll(Set.of("function_name", "secrets_dir")), name + " " + reads.settings);
        assertTrue(reads.requiredSecrets.contains("internal-hmac-key"), name + " " + reads.requiredSecrets);
        assertTrue(reads.kitMethods.contains("Services.functionName"), name + " " + reads.kitMethods);
    }
}
