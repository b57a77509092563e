package io.cacifo.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * stack.yaml as faas-cli reads it: {@code ${NAME}} and {@code ${NAME:-default}} substituted in the
 * text first (envsubst), then YAML with anchors and merge keys.
 */
final class StackYaml {
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    final String text;
    final Map<String, Object> root;

    private StackYaml(String text, Map<String, Object> root) {
        this.text = text;
        this.root = root;
    }

    static StackYaml read(Map<String, String> env) {
        return parse(Repo.read("stack.yaml"), env);
    }

    static StackYaml parse(String text, Map<String, String> env) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(substitute(text, env));
        return new StackYaml(text, map(root, "stack.yaml"));
    }

    static String substitute(String text, Map<String, String> env) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = env.get(matcher.group(1));
            if (value == null || value.isEmpty()) {
                value = matcher.group(2) == null ? "" : matcher.group(2);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        map(root.get("functions"), "functions").forEach((name, node) -> functions.put(name, map(node, name)));
        return functions;
    }

    static Map<String, String> strings(Object node, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null) {
            map(node, where).forEach((key, value) -> out.put(key, value == null ? "" : String.valueOf(value)));
        }
        return out;
    }

    static List<String> list(Object node) {
        List<String> out = new ArrayList<>();
        if (node instanceof List) {
            ((List<?>) node).forEach(item -> out.add(String.valueOf(item)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String where) {
        if (!(node instanceof Map)) {
            throw new IllegalStateException(where + " must be a mapping, got " + node);
        }
        return (Map<String, Object>) node;
    }

    /** A Go duration as of-watchdog reads it ("55s", "1m30s", "500ms"); a bare number is seconds. */
    static Duration goDuration(String text) {
        if (text.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        Matcher part = GO_DURATION.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long n = Long.parseLong(part.group(1));
            switch (part.group(2)) {
                case "ms":
                    total = total.plusMillis(n);
                    break;
                case "s":
                    total = total.plusSeconds(n);
                    break;
                case "m":
                    total = total.plusMinutes(n);
                    break;
                default:
                    total = total.plusHours(n);
            }
            end = part.end();
        }
        if (end != text.length() || end == 0) {
            throw new IllegalArgumentException("not a Go duration: '" + text + "'");
        }
        return total;
    }

    /** A Kubernetes-style memory quantity as faasd parses limits.memory ("96Mi", "128M"), in bytes. */
    static long memoryBytes(String text) {
        Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi|k|M|G)?").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a memory quantity: '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        switch (unit) {
            case "Ki":
                return n << 10;
            case "Mi":
                return n << 20;
            case "Gi":
                return n << 30;
            case "k":
                return n * 1000;
            case "M":
                return n * 1000_000;
            case "G":
                return n * 1000_000_000;
            default:
                return n;
        }
    }
}
