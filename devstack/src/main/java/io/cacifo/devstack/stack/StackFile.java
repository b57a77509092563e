package io.cacifo.devstack.stack;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads stack.yaml the way faas-cli does: variables substituted in the text first, then YAML with
 * anchors and merge keys ({@code <<: *data-env}). Only what the devstack uses is read.
 *
 * <p>Failure behaviour: an unreadable file or a function without the fields we need throws
 * {@link IllegalStateException} naming the file and the function.
 */
public final class StackFile {
    private final Path file;
    private final Map<String, FunctionSpec> functions;

    private StackFile(Path file, Map<String, FunctionSpec> functions) {
        this.file = file;
        this.functions = Collections.unmodifiableMap(functions);
    }

    public static StackFile read(Path file, Map<String, String> env) {
        try {
            return parse(file, Files.readString(file, StandardCharsets.UTF_8), env);
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + file, e);
        }
    }

    static StackFile parse(Path file, String yaml, Map<String, String> env) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(EnvSubstitution.apply(yaml, env));
        Map<String, Object> functionsNode = map(map(root, file + ": top level").get("functions"), file + ": functions");
        Map<String, FunctionSpec> functions = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : functionsNode.entrySet()) {
            String name = entry.getKey();
            String where = file + ": function " + name;
            Map<String, Object> node = map(entry.getValue(), where);
            Object handler = node.get("handler");
            if (handler == null) {
                throw new IllegalStateException(where + " has no handler");
            }
            functions.put(name, new FunctionSpec(name, String.valueOf(node.getOrDefault("image", name)),
                    String.valueOf(handler), strings(node.get("environment"), where + " environment"),
                    list(node.get("secrets"), where + " secrets"),
                    strings(node.get("annotations"), where + " annotations"),
                    strings(node.get("labels"), where + " labels")));
        }
        return new StackFile(file, functions);
    }

    public Path file() {
        return file;
    }

    /** In the order stack.yaml lists them. */
    public List<FunctionSpec> functions() {
        return new ArrayList<>(functions.values());
    }

    public Optional<FunctionSpec> function(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String where) {
        if (!(node instanceof Map)) {
            throw new IllegalStateException(where + " must be a mapping");
        }
        return (Map<String, Object>) node;
    }

    /** A mapping of scalars as text: YAML reads {@code 3306} as a number, the environment needs "3306". */
    private static Map<String, String> strings(Object node, String where) {
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

    private static List<String> list(Object node, String where) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof List)) {
            throw new IllegalStateException(where + " must be a list");
        }
        for (Object item : (List<?>) node) {
            out.add(String.valueOf(item));
        }
        return out;
    }
}
