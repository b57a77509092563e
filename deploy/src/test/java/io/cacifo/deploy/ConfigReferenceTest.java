package io.cacifo.deploy;

import com.openfaas.entrypoint.EntrypointSettings;
import io.cacifo.kit.config.Setting;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Configuration reference" against the declarations: every setting the kit, a
 * function or the entrypoint declares is a row with the same default, every row is declared, and
 * the secret table names exactly the secrets the functions read.
 */
class ConfigReferenceTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    /** A row's cells: split on | but not on an escaped \|. */
    private static final Pattern CELL = Pattern.compile("(?<!\\\\)\\|");

    /** Setting key to its README default (empty: "—", none). */
    static Map<String, Optional<String>> readmeSettings(String readme) {
        Map<String, Optional<String>> rows = new TreeMap<>();
        for (List<String> cells : rows(table(readme, "| setting |"))) {
            List<String> keys = codes(cells.get(0));
            List<String> defaults = codes(cells.get(1));
            boolean none = cells.get(1).strip().startsWith("—");
            assertTrue(none ? defaults.isEmpty() : defaults.size() == keys.size(),
                    "a row gives one default per setting, or —: " + cells);
            for (int i = 0; i < keys.size(); i++) {
                assertEquals(null, rows.put(keys.get(i), none ? Optional.empty() : Optional.of(defaults.get(i))),
                        keys.get(i) + " has two rows");
            }
        }
        return rows;
    }

    static Set<String> readmeSecrets(String readme) {
        Set<String> names = new TreeSet<>();
        rows(table(readme, "| secret file |")).forEach(cells -> names.addAll(codes(cells.get(0))));
        return names;
    }

    /** The table of the configuration reference whose header starts with {@code header}, without header and rule. */
    private static List<String> table(String readme, String header) {
        int section = readme.indexOf("\n## Configuration reference\n");
        assertTrue(section >= 0, "README.md has no '## Configuration reference'");
        int end = readme.indexOf("\n## ", section + 1);
        String text = readme.substring(section, end < 0 ? readme.length() : end);
        int start = text.indexOf("\n" + header);
        assertTrue(start >= 0, "no table starting '" + header + "' in the configuration reference");
        List<String> lines = new ArrayList<>();
        for (String line : text.substring(start + 1).split("\n")) {
            if (!line.startsWith("|")) {
                break;
            }
            lines.add(line);
        }
        return lines.subList(2, lines.size());
    }

    private static List<List<String>> rows(List<String> lines) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines) {
            String[] cells = CELL.split(line.substring(1));
            rows.add(List.of(cells));
        }
        return rows;
    }

    private static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            codes.add(code.group(1));
        }
        return codes;
    }

    /** Every declared setting and its default: the kit's, the functions' and the entrypoint's. */
    private static Map<String, Optional<String>> declared() {
        Map<String, Optional<String>> declared = new TreeMap<>();
        // An empty default (nothing unless set, e.g. support_phone) is written — too.
        DeclaredReads.allSettings().forEach(setting -> declared.put(setting.key(),
                setting.defaultValue().filter(value -> !value.isEmpty())));
        EntrypointSettings.DEFAULTS.forEach((key, value) -> declared.put(key, Optional.of(Integer.toString(value))));
        return declared;
    }

    @Test
    void every_declared_setting_is_a_row_with_its_default() {
        Map<String, Optional<String>> readme = readmeSettings(Repo.read("README.md"));
        List<String> wrong = new ArrayList<>();
        declared().forEach((key, value) -> {
            if (!readme.containsKey(key)) {
                wrong.add(key + ": no row");
            } else if (!readme.get(key).equals(value)) {
                wrong.add(key + ": README default " + readme.get(key).orElse("—") + ", declared " + value.orElse("—"));
            }
        });
        assertEquals(List.of(), wrong, "README.md, Configuration reference");
    }

    @Test
    void every_row_is_a_declared_setting() {
        Set<String> undeclared = new TreeSet<>(readmeSettings(Repo.read("README.md")).keySet());
        undeclared.removeAll(declared().keySet());
        assertEquals(Set.of(), undeclared, "README.md rows that no code declares");
    }

    @Test
    void the_secret_table_names_exactly_the_secrets_the_functions_read() {
        assertEquals(DeclaredReads.allSecrets(), readmeSecrets(Repo.read("README.md")));
    }

    @Test
    void each_setting_is_declared_in_one_place() {
        Map<String, Map<Setting, Boolean>> byKey = new LinkedHashMap<>();
        DeclaredReads.allSettings().forEach(setting ->
                byKey.computeIfAbsent(setting.key(), key -> new IdentityHashMap<>()).put(setting, true));
        byKey.forEach((key, declarations) -> assertEquals(1, declarations.size(), key + " is declared more than once"));
        byKey.keySet().forEach(key -> assertTrue(!EntrypointSettings.DEFAULTS.containsKey(key),
                key + " is both the entrypoint's and the kit's or a function's"));
    }
}
