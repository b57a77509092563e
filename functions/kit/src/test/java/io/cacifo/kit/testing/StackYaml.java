package io.cacifo.kit.testing;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * stack.yaml as faas-cli reads it: {@code ${NAME}} and {@code ${NAME:-default}} substituted in the
 * text first (envsubst), then YAML with anchors and merge keys ({@code <<: *data-env}). The one
 * reader of it: the devstack runs the functions it lists, deploy/'s tests check it. It lives in the
 * test-jar because no function reads it, and it needs snakeyaml, which its users bring.
 *
 * <p>Failure behaviour: an unreadable file throws {@link UncheckedIOException}; a node of the wrong
 * shape {@link IllegalStateException} naming the file and the node; a duration or memory quantity
 * that is none {@link IllegalArgumentException} quoting the text.
 */
public final class StackYaml {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
    private static final Pattern DURATION = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h))+");
    private static final Pattern MEMORY = Pattern.compile("(\\d+)(Ki|Mi|Gi|k|M|G)?");

    private final String source;
    private final String text;
    private final Map<String, Object> root;

    private StackYaml(String source, String text, Map<String, Object> root) {
        this.source = source;
        this.text = text;
        this.root = root;
    }

    /** The repository's own stack.yaml, found by {@link #find} from the working directory. */
    public static StackYaml read(Map<String, String> env) {
        return read(find(Path.of("").toAbsolutePath()), env);
    }

    public static StackYaml read(Path file, Map<String, String> env) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), env);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** {@code text} as a stack.yaml; messages call it "stack.yaml". */
    public static StackYaml parse(String text, Map<String, String> env) {
        return parse("stack.yaml", text, env);
    }

    private static StackYaml parse(String source, String text, Map<String, String> env) {
        return new StackYaml(source, text, map(yaml(substitute(text, env)), source + ": top level"));
    }

    /** The stack.yaml in {@code start} or the nearest folder above it (tests start in a module's folder). */
    public static Path find(Path start) {
        return CheckoutFile.above(start, "stack.yaml");
    }

    /** The file read, or "stack.yaml" for parsed text: what messages name. */
    public String source() {
        return source;
    }

    /** The text as written, before substitution. */
    public String text() {
        return text;
    }

    public Map<String, Object> root() {
        return root;
    }

    /** Each function's node by name, in the order stack.yaml lists them. */
    public Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
        map(root.get("functions"), source + ": functions")
                .forEach((name, node) -> functions.put(name, map(node, source + ": function " + name)));
        return functions;
    }

    /** Any YAML text, read without constructing classes it names. */
    public static Object yaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    /** envsubst: an unset or empty variable without a default becomes empty. */
    public static String substitute(String text, Map<String, String> env) {
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

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object node, String where) {
        if (!(node instanceof Map)) {
            throw new IllegalStateException(where + " must be a mapping, got " + node);
        }
        return (Map<String, Object>) node;
    }

    /** A mapping of single values as text (YAML reads {@code 3306} as a number, an environment needs "3306"); null: empty. */
    public static Map<String, String> strings(Object node, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        for (Map.Entry<String, Object> entry : map(node, where).entrySet()) {
            if (entry.getValue() instanceof Map || entry.getValue() instanceof List) {
                throw new IllegalStateException(where + ": " + entry.getKey() + " must be a single value");
            }
            out.put(entry.getKey(), entry.getValue() == null ? "" : String.valueOf(entry.getValue()));
        }
        return out;
    }

    /** A list as text; null: empty. */
    public static List<String> list(Object node, String where) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof List)) {
            throw new IllegalStateException(where + " must be a list, got " + node);
        }
        ((List<?>) node).forEach(item -> out.add(String.valueOf(item)));
        return out;
    }

    /**
     * A timeout as of-watchdog reads it (Go's time.ParseDuration): "55s", "500ms", "1m30s", "1.5s";
     * a bare whole number counts as seconds, as of-watchdog does for exec_timeout.
     */
    public static Duration goDuration(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(trimmed));
        }
        if (!DURATION.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("not a duration (like 55s or 500ms): '" + text + "'");
        }
        double nanos = 0;
        Matcher part = DURATION_PART.matcher(trimmed);
        while (part.find()) {
            nanos += Double.parseDouble(part.group(1)) * nanosPer(part.group(2));
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    private static double nanosPer(String unit) {
        switch (unit) {
            case "ns":
                return 1;
            case "us":
            case "µs":
                return 1e3;
            case "ms":
                return 1e6;
            case "s":
                return 1e9;
            case "m":
                return 60e9;
            default:
                return 3600e9;
        }
    }

    /** A memory quantity as faasd reads limits.memory ("96Mi", "128M"), in bytes. */
    public static long memoryBytes(String text) {
        Matcher m = MEMORY.matcher(text);
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
