package io.cacifo.deploy;

import io.cacifo.kit.testing.StackYaml;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * prometheus/function-limits.yml says what stack.yaml declares: one recording rule per function,
 * its limits.memory in bytes, so the alerts and the dashboard compare a function's resident set
 * with the limit faasd actually sets. The file is generated: when it differs, this test prints it
 * as it must be.
 */
class FunctionLimitsTest {
    static final String FILE = "prometheus/function-limits.yml";

    @Test
    void the_limits_file_declares_each_functions_stack_yaml_memory_limit_in_bytes() {
        String expected = limitsFile(StackYaml.read(Map.of()));

        assertEquals(expected, Repo.read(FILE), FILE + " differs from stack.yaml; it must read:\n\n" + expected);
    }

    @Test
    void a_limit_of_96_mebibytes_is_recorded_as_100663296_bytes() {
        String file = limitsFile(StackYaml.parse("functions:\n  screen-io:\n    limits:\n      memory: 96Mi\n", Map.of()));

        assertTrue(file.contains("      - record: cacifo:function_memory_limit_bytes\n"
                + "        expr: vector(100663296)\n"
                + "        labels:\n"
                + "          function: screen-io\n"), file);
    }

    /** The whole file for {@code stack}'s functions, in stack.yaml's order. */
    static String limitsFile(StackYaml stack) {
        StringBuilder out = new StringBuilder();
        out.append("# Each function's memory limit as stack.yaml declares it (limits.memory, which faasd sets as the\n")
                .append("# container's cgroup limit), in bytes: cacifo:function_memory_limit_bytes{function=\"<name>\"}.\n")
                .append("# FunctionMemoryHigh (prometheus/alerts.yml) and the dashboard compare each function's\n")
                .append("# process_resident_memory_bytes with it. No `locker` label: every locker deploys the same\n")
                .append("# stack.yaml, so a query joins on(function) group_left. Evaluated where fleet-rules.yml is.\n")
                .append("#\n")
                .append("# Generated from stack.yaml; do not edit by hand. After changing a limits.memory there, run\n")
                .append("#   mvn -B -o verify -pl deploy -Dtest=FunctionLimitsTest\n")
                .append("# which fails and prints this file as it must be; copy that over this one.\n")
                .append("groups:\n")
                .append("  - name: function-limits\n")
                .append("    rules:\n");
        stack.functions().forEach((name, function) -> {
            String memory = StackYaml.strings(function.get("limits"), name + " limits").get("memory");
            if (memory == null) {
                throw new AssertionError(name + " has no limits.memory in stack.yaml");
            }
            out.append("      # ").append(name).append(": limits.memory ").append(memory).append('\n')
                    .append("      - record: cacifo:function_memory_limit_bytes\n")
                    .append("        expr: vector(").append(StackYaml.memoryBytes(memory)).append(")\n")
                    .append("        labels:\n")
                    .append("          function: ").append(name).append('\n');
        });
        return out.toString();
    }
}
