package io.cacifo.deploy;

import io.cacifo.kit.config.Reads;
import io.cacifo.kit.config.Setting;
import org.junit.jupiter.api.Test;
import io.cacifo.kit.testing.StackYaml;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * stack.yaml against what each function declares it reads ({@link DeclaredReads}): a secret or
 * setting name no function reads is a typo (or a secret handed to a function that has no use for
 * it), and a secret the function reads but stack.yaml does not mount fails it at its first call on the Pi.
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

    static Stream<String> functions() {
        return STACK.functions().keySet().stream();
    }

    private static Set<String> mounted(String name) {
        return new TreeSet<>(StackYaml.list(STACK.functions().get(name).get("secrets"), name));
    }

    private static Set<String> environmentKeys(String name) {
        return StackYaml.strings(STACK.functions().get(name).get("environment"), name).keySet();
    }

    @Test
    void every_deployed_function_declares_what_it_reads() {
        assertEquals(new TreeSet<>(STACK.functions().keySet()), new TreeSet<>(DeclaredReads.BY_FUNCTION.keySet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void every_secret_the_function_reads_is_mounted(String name) {
        Set<String> missing = new TreeSet<>(DeclaredReads.of(name).secrets());
        missing.removeAll(mounted(name));
        assertEquals(Set.of(), missing, name + " reads " + DeclaredReads.of(name).secrets() + " but stack.yaml mounts " + mounted(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void every_mounted_secret_is_one_the_function_reads(String name) {
        Set<String> unread = new TreeSet<>(mounted(name));
        unread.removeAll(DeclaredReads.of(name).secrets());
        assertEquals(Set.of(), unread, name + " reads only " + DeclaredReads.of(name).secrets()
                + "; a secret it never reads is a typo or a key handed out for nothing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void every_environment_key_is_a_setting_some_code_knows(String name) {
        Set<String> known = DeclaredReads.allSettings().stream().map(Setting::key).collect(Collectors.toCollection(TreeSet::new));
        DeclaredReads.BY_FUNCTION.keySet().forEach(function -> known.addAll(DeclaredReads.settingKeys(function)));
        known.addAll(WATCHDOG_SETTINGS);
        Set<String> unknown = new TreeSet<>(environmentKeys(name));
        unknown.removeAll(known);
        assertEquals(Set.of(), unknown, name + ": no code reads these (typos?)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void every_environment_key_is_read_by_this_function(String name) {
        Set<String> read = new TreeSet<>(DeclaredReads.settingKeys(name));
        read.addAll(WATCHDOG_SETTINGS);
        Set<String> unused = new TreeSet<>(environmentKeys(name));
        unused.removeAll(read);
        assertEquals(Set.of(), unused, name + " reads " + DeclaredReads.settingKeys(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void every_function_declares_its_name_its_secrets_and_the_internal_key(String name) {
        Reads reads = DeclaredReads.of(name);
        // Every handler routes by its function_name, reads secrets from secrets_dir and signs or
        // verifies with the internal key: a declaration without these is not the function's.
        assertTrue(DeclaredReads.settingKeys(name).containsAll(Set.of("function_name", "secrets_dir")),
                name + " " + DeclaredReads.settingKeys(name));
        assertTrue(reads.secrets().contains("internal-hmac-key"), name + " " + reads.secrets());
    }
}
