package io.cacifo.deploy;

import io.cacifo.kit.testing.StackYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/install-pi.md: commands that can be pasted as they are, about files that exist. */
class GuideTest {
    private static final String GUIDE = Repo.read("docs/install-pi.md");
    private static final Pattern CODE_BLOCK = Pattern.compile("(?m)^( *)```bash\\n(.*?)^\\1```", Pattern.DOTALL);
    private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z][\\w .-]*>|\\bYOUR_\\w+|\\bCHANGEME\\b|\\bTODO\\b|\\.\\.\\.");
    private static final Pattern USE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?:^|[\\s;(])(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=");
    private static final Pattern REPO_PATH = Pattern.compile("(?<![\\w/.~-])((?:deploy|db|template|docs|bin)/[\\w./-]*[\\w-]|stack\\.yaml)");
    private static final Set<String> SHELL_VARIABLES = Set.of("HOME", "PATH", "USER");

    static List<String> codeBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher block = CODE_BLOCK.matcher(markdown);
        while (block.find()) {
            String indent = block.group(1);
            blocks.add(block.group(2).lines().map(line -> line.startsWith(indent) ? line.substring(indent.length()) : line)
                    .collect(Collectors.joining("\n")));
        }
        return blocks;
    }

    /** The text the shell expands: single-quoted parts and comments removed. */
    static String expanded(String code) {
        return code.replaceAll("'[^']*'", "''").replaceAll("(?m)(^|\\s)#.*$", "$1");
    }

    /** Variables a command uses before any command of the guide sets them, in document order. */
    static List<String> unsetVariables(String markdown) {
        Set<String> set = new LinkedHashSet<>(SHELL_VARIABLES);
        List<String> unset = new ArrayList<>();
        for (String block : codeBlocks(markdown)) {
            for (String line : ScriptsTest.logicalLines(block)) {
                String code = expanded(line);
                Matcher use = USE.matcher(code);
                Set<String> assignedHere = new TreeSet<>();
                Matcher assignment = ASSIGNMENT.matcher(code);
                while (assignment.find()) {
                    assignedHere.add(assignment.group(1));
                }
                while (use.find()) {
                    if (!set.contains(use.group(1)) && !assignedHere.contains(use.group(1))) {
                        unset.add(use.group(1) + " in: " + line);
                    }
                }
                set.addAll(assignedHere);
            }
        }
        return unset;
    }

    @Test
    void the_guide_has_commands_and_they_hold_no_placeholder() {
        List<String> blocks = codeBlocks(GUIDE);
        assertTrue(blocks.size() >= 15, "code blocks found: " + blocks.size());
        List<String> placeholders = new ArrayList<>();
        for (String block : blocks) {
            Matcher placeholder = PLACEHOLDER.matcher(block);
            while (placeholder.find()) {
                placeholders.add(placeholder.group());
            }
        }
        assertEquals(List.of(), placeholders);
    }

    @Test
    void every_variable_a_command_uses_is_set_by_an_earlier_command() {
        assertEquals(List.of(), unsetVariables(GUIDE));
        Set<String> used = new TreeSet<>();
        for (String block : codeBlocks(GUIDE)) {
            Matcher use = USE.matcher(expanded(block));
            while (use.find()) {
                used.add(use.group(1));
            }
        }
        assertTrue(used.containsAll(Set.of("PI", "PI_USER", "KEYS", "REGISTRY", "VERSION", "LOCKER_ID", "BACKEND_URL")),
                "the check saw the guide's variables: " + used);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "```bash\nfaas-cli deploy --gateway \"$GATEWAY\"\n```\n",
        "```bash\ncurl http://<pi-address>:8080/\n```\n",
        "```bash\nscp keys pi@YOUR_PI:\n```\n",
    })
    void the_checks_catch_a_placeholder_or_an_unset_variable(String markdown) {
        List<String> found = new ArrayList<>(unsetVariables(markdown));
        for (String block : codeBlocks(markdown)) {
            Matcher placeholder = PLACEHOLDER.matcher(block);
            while (placeholder.find()) {
                found.add(placeholder.group());
            }
        }
        assertFalse(found.isEmpty(), markdown);
    }

    @Test
    void every_repository_file_the_guide_names_exists() {
        Set<String> missing = new TreeSet<>();
        Matcher path = REPO_PATH.matcher(GUIDE);
        while (path.find()) {
            if (!Files.exists(Repo.path(path.group(1)))) {
                missing.add(path.group(1));
            }
        }
        assertEquals(Set.of(), missing);
    }

    @Test
    void every_deployment_script_is_used_by_the_guide() throws IOException {
        Set<String> unused = new TreeSet<>();
        try (Stream<Path> scripts = Files.list(Repo.path("deploy/scripts"))) {
            for (Path script : scripts.collect(Collectors.toList())) {
                String name = "deploy/scripts/" + script.getFileName();
                // add-to-faasd-compose.sh runs inside the two MariaDB scripts.
                if (!GUIDE.contains(name) && !name.endsWith("add-to-faasd-compose.sh")) {
                    unused.add(name);
                }
            }
        }
        assertEquals(Set.of(), unused);
    }

    @Test
    void every_secret_stack_yaml_mounts_is_explained() {
        Set<String> secrets = new TreeSet<>();
        StackYaml.read(Map.of()).functions().values().forEach(function -> secrets.addAll(StackYaml.list(function.get("secrets"), "secrets")));
        for (String secret : secrets) {
            assertTrue(GUIDE.contains("| `" + secret + "` |"), secret + " is missing from the guide's table of secrets");
        }
        assertTrue(GUIDE.contains("faas-cli secret create code-hash-key --from-file ~/cacifo-secrets/code-hash-key"));
    }

    @Test
    void the_guide_publishes_for_arm64_deploys_rolls_out_and_rolls_back() {
        String commands = String.join("\n", codeBlocks(GUIDE));
        for (String command : List.of(
                "faas-cli publish -f stack.yaml --platforms linux/arm64",
                "faas-cli deploy -f stack.yaml",
                "faas-cli publish -f stack.yaml --platforms linux/arm64 --filter door-io",
                "VERSION=0.1.1 faas-cli deploy -f stack.yaml --filter door-io",
                "VERSION=0.1.0 faas-cli deploy -f stack.yaml --filter door-io",
                "deploy/scripts/make-secrets.sh \"$KEYS\"",
                "sudo deploy/scripts/install-mariadb-faasd.sh ~/cacifo-secrets/db-password",
                "deploy/scripts/smoke-test.sh \"$KEYS/backend\" 1")) {
            assertTrue(commands.contains(command), "the guide lacks: " + command);
        }
        assertFalse(commands.contains("template store pull"), "the template is in the repository");
    }

    @Test
    void the_versions_the_guide_rolls_between_are_the_stack_default_and_the_next() {
        String image = String.valueOf(StackYaml.read(Map.of()).functions().get("door-io").get("image"));
        assertTrue(image.endsWith(":0.1.0"), image);
        assertTrue(GUIDE.contains("export VERSION=0.1.0"));
    }
}
