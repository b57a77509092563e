package io.cacifo.deploy;

import io.cacifo.kit.testing.Prerequisite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shell scripts the deployment runs: they parse, they stop on the first error, they print no secret. */
class ScriptsTest {
    /** Sourced by MariaDB's entrypoint: it must not change the entrypoint's shell options or be executable. */
    private static final String SOURCED = "deploy/faasd/mariadb/20-cacifo-user.sh";
    /** Variables that hold a secret value (not a path to one). */
    private static final Pattern SECRET_VARIABLE = Pattern.compile(
            "\\$\\{?(\\w*(?:password|secret|deposit|pickup|grants)\\w*)", Pattern.CASE_INSENSITIVE);

    static Stream<String> scripts() throws IOException {
        List<String> scripts = new ArrayList<>(List.of("template/java11-maven/appcds.sh", "deploy/host/cacifo-wake", SOURCED));
        try (Stream<Path> files = Files.list(Repo.path("deploy/scripts"))) {
            files.filter(file -> file.toString().endsWith(".sh")).sorted()
                    .forEach(file -> scripts.add(Repo.ROOT.relativize(file).toString()));
        }
        return scripts.stream();
    }

    static Stream<String> runnableScripts() throws IOException {
        return scripts().filter(script -> !script.equals(SOURCED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void the_script_parses(String script) throws IOException {
        Processes.Result syntax = Processes.run(List.of("bash", "-n", script), Map.of());
        assertEquals(0, syntax.exitCode, syntax.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runnableScripts")
    void the_script_is_bash_stops_on_errors_and_can_be_run(String script) throws IOException {
        List<String> lines = Files.readAllLines(Repo.path(script));
        assertEquals("#!/usr/bin/env bash", lines.get(0));
        assertTrue(lines.contains("set -euo pipefail"), script + " has no `set -euo pipefail`");
        assertTrue(Files.isExecutable(Repo.path(script)), script + " is not executable");
    }

    @Test
    void the_script_mariadb_s_entrypoint_sources_leaves_its_shell_alone() throws IOException {
        String text = Repo.read(SOURCED);
        assertFalse(text.lines().anyMatch(line -> line.trim().startsWith("set -")), "sourced: no `set` of its own");
        assertFalse(Files.isExecutable(Repo.path(SOURCED)), "executable files are run, not sourced, by the entrypoint");
        assertTrue(text.contains("| docker_process_sql"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void no_secret_value_is_echoed(String script) {
        assertEquals(List.of(), leaks(Repo.read(script)), script + " prints a secret");
    }

    static Stream<Arguments> printedLines() {
        return Stream.of(
                Arguments.of("echo \"password is $db_password\"", true),
                Arguments.of("printf '%s' \"$cacifo_password\"", true),
                Arguments.of("die \"wrong code ${deposit}\"", true),
                Arguments.of("step \"pickup $pickup\"", true),
                Arguments.of("cacifo_fail \"bad $cacifo_password\"", true),
                Arguments.of("echo \"reading $password_file\"", false),
                Arguments.of("printf \"SET @x = '%s';\" \"$cacifo_password\" \\\n  | docker_process_sql", false),
                Arguments.of("# echo $password", false),
                Arguments.of("curl --data-binary @- <<< \"$deposit\"", false));
    }

    @ParameterizedTest(name = "{0} -> leaks: {1}")
    @MethodSource("printedLines")
    void the_leak_check_tells_a_printed_secret_from_a_path_or_a_pipe(String line, boolean leaks) {
        assertEquals(leaks, !leaks(line).isEmpty(), line);
    }

    /** Lines that print a variable holding a secret value, other than into a database client. */
    static List<String> leaks(String scriptText) {
        List<String> leaks = new ArrayList<>();
        for (String code : logicalLines(scriptText)) {
            if (code.startsWith("#") || !(code.matches("^(echo|printf|step|die|\\w*fail)\\b.*") || code.contains("| die"))) {
                continue;
            }
            Matcher variable = SECRET_VARIABLE.matcher(code);
            while (variable.find()) {
                String name = variable.group(1);
                boolean isPath = name.endsWith("_file") || name.endsWith("_dir");
                boolean pipedToAClient = code.contains("| docker_process_sql");
                if (!isPath && !pipedToAClient) {
                    leaks.add(code);
                }
            }
        }
        return leaks;
    }

    /** Lines with their backslash continuations joined, trimmed. */
    static List<String> logicalLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.trim();
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
            } else {
                lines.add(current.append(trimmed).toString());
                current.setLength(0);
            }
        }
        return lines;
    }

    @Test
    void shellcheck_finds_nothing() throws IOException {
        Prerequisite.require(Processes.onPath("shellcheck"), "shellcheck is not installed here");
        List<String> command = new ArrayList<>(List.of("shellcheck"));
        command.addAll(scripts().collect(Collectors.toList()));
        Processes.Result check = Processes.run(command, Map.of());
        assertEquals(0, check.exitCode, check.toString());
    }
}
