package io.cacifo.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which secrets and settings each function's code reads, found in the sources, so stack.yaml can
 * be checked against them. A function reads what its own classes read, plus what the kit methods it
 * calls read (followed through the kit's own calls), plus the entrypoint's settings. Reads are
 * {@code secrets.require/find("name")} (and the kit's {@code sharedKey("name")}, {@code fromSecret(secrets, "name")}),
 * {@code config.get/getInt/find("key")}, a settings helper
 * called as {@code helper(config, "key", ...)} or {@code helper(env, "key", ...)}, and the kit's
 * {@code Defaults} entries; a name may be a string constant. Calls are matched by name: a
 * {@code Type.m(} call reaches Type's m, {@code x.m(} any non-static m, {@code m(} the same file's m.
 */
final class CodeReads {
    /**
     * {@code secrets.require|find(name)}, or the kit's required reads {@code sharedKey(name)} (Services, a
     * key that rotates) and {@code fromSecret(secrets, name)} (HmacKey).
     */
    private static final Pattern SECRET = Pattern.compile(
            "\\b(?:secrets(?:\\(\\))?\\s*\\.\\s*(require|find)\\s*\\(|sharedKey\\s*\\(|fromSecret\\s*\\(\\s*[\\w.]+(?:\\(\\))?\\s*,)"
                    + "\\s*(?:\"([^\"]*)\"|([A-Za-z_][\\w.]*))\\s*\\)");
    private static final Pattern SETTING = Pattern.compile(
            "\\bconfig(?:\\(\\))?\\s*\\.\\s*(?:get|getInt|find)\\s*\\(\\s*(?:\"([^\"]*)\"|([A-Za-z_][\\w.]*))\\s*\\)");
    private static final Pattern SETTING_HELPER = Pattern.compile("\\b\\w+\\s*\\(\\s*(?:config|env)\\s*,\\s*\"([^\"]+)\"");
    private static final Pattern DEFAULT_ENTRY = Pattern.compile("Map\\.entry\\(\\s*\"([^\"]+)\"");
    private static final Pattern CONSTANT = Pattern.compile(
            "\\bstatic\\s+final\\s+String\\s+([A-Z_][A-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"\\s*;");
    private static final Pattern CALL = Pattern.compile(
            "(\\bnew\\s+)?(?:(\\b[A-Za-z_]\\w*|\\))\\s*\\.\\s*)?\\b([A-Za-z_]\\w*)\\s*(?:<[^<>()]*>\\s*)?\\(");
    private static final Pattern METHOD_REFERENCE = Pattern.compile("(\\b[A-Za-z_]\\w*|\\))\\s*::\\s*(\\w+)");
    private static final Set<String> KEYWORDS = Set.of("if", "for", "while", "switch", "catch", "synchronized",
            "return", "throw", "new", "super", "this", "assert", "else", "try", "case");

    private final List<Unit> kit = new ArrayList<>();
    private final Map<String, List<Unit>> functions = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> constantsByFile = new HashMap<>();
    private final Map<String, String> uniqueConstants = new HashMap<>();
    private final Set<String> entrypointSettings = new TreeSet<>();
    private final Set<String> defaults = new TreeSet<>();

    /** The repository's kit, entrypoint and functions (every functions/NAME/src/main/java but the kit's). */
    static CodeReads scan(Path root) {
        Map<String, Map<String, String>> functionSources = new LinkedHashMap<>();
        try (Stream<Path> dirs = Files.list(root.resolve("functions"))) {
            for (Path dir : dirs.sorted().collect(Collectors.toList())) {
                String name = dir.getFileName().toString();
                if (!"kit".equals(name) && Files.isDirectory(dir.resolve("src/main/java"))) {
                    functionSources.put(name, sources(dir.resolve("src/main/java")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(sources(root.resolve("functions/kit/src/main/java")),
                sources(root.resolve("template/java11-maven/entrypoint/src/main/java")), functionSources);
    }

    /** From sources given as file name to text: the kit's, the entrypoint's and each function's. */
    static CodeReads of(Map<String, String> kitFiles, Map<String, String> entrypointFiles,
                        Map<String, Map<String, String>> functionFiles) {
        CodeReads reads = new CodeReads();
        Map<String, Integer> constantCounts = new HashMap<>();
        List<Map<String, String>> all = new ArrayList<>(List.of(kitFiles, entrypointFiles));
        all.addAll(functionFiles.values());
        for (Map<String, String> files : all) {
            files.forEach((file, text) -> {
                Map<String, String> constants = new HashMap<>();
                Matcher constant = CONSTANT.matcher(JavaSource.stripComments(text));
                while (constant.find()) {
                    constants.put(constant.group(1), constant.group(2));
                    reads.uniqueConstants.put(constant.group(1), constant.group(2));
                    constantCounts.merge(constant.group(1), 1, Integer::sum);
                }
                reads.constantsByFile.put(file, constants);
            });
        }
        constantCounts.forEach((name, count) -> {
            if (count > 1) {
                reads.uniqueConstants.remove(name);
            }
        });
        kitFiles.forEach((file, text) -> {
            JavaSource source = new JavaSource(file, text);
            for (JavaSource.Method method : source.methods) {
                reads.kit.add(new Unit(file, method, reads.facts(file, method.body)));
            }
            if (file.endsWith("Defaults.java")) {
                Matcher entry = DEFAULT_ENTRY.matcher(source.text);
                while (entry.find()) {
                    reads.defaults.add(entry.group(1));
                }
            }
        });
        entrypointFiles.forEach((file, text) ->
                reads.entrypointSettings.addAll(reads.facts(file, JavaSource.stripComments(text)).settings));
        functionFiles.forEach((name, files) -> {
            List<Unit> units = new ArrayList<>();
            files.forEach((file, text) -> units.add(new Unit(file, null, reads.facts(file, JavaSource.stripComments(text)))));
            reads.functions.put(name, units);
        });
        return reads;
    }

    Set<String> functionNames() {
        return functions.keySet();
    }

    Set<String> entrypointSettings() {
        return entrypointSettings;
    }

    Set<String> kitDefaults() {
        return defaults;
    }

    /** Every setting any code reads or the kit has a default for: a key outside it is a typo. */
    Set<String> knownSettings() {
        Set<String> known = new TreeSet<>(defaults);
        known.addAll(entrypointSettings);
        kit.forEach(unit -> known.addAll(unit.facts.settings));
        functions.values().forEach(units -> units.forEach(unit -> known.addAll(unit.facts.settings)));
        return known;
    }

    /** What the named function reads through its own code and the kit methods it reaches. */
    Reads function(String name) {
        List<Unit> units = functions.get(name);
        if (units == null) {
            throw new IllegalArgumentException("no sources for function " + name + "; known: " + functions.keySet());
        }
        Reads reads = new Reads();
        Set<Unit> seen = new HashSet<>();
        Deque<Unit> todo = new ArrayDeque<>(units);
        while (!todo.isEmpty()) {
            Unit unit = todo.pop();
            if (!seen.add(unit)) {
                continue;
            }
            reads.add(unit.facts);
            if (unit.method != null && unit.facts.readsAnything()) {
                reads.kitMethods.add(unit.method.owner + "." + unit.method.name);
            }
            for (Call call : unit.facts.calls) {
                for (Unit target : kit) {
                    if (call.reaches(target, unit.file)) {
                        todo.push(target);
                    }
                }
            }
        }
        reads.settings.addAll(entrypointSettings);
        reads.optionalSecrets.removeAll(reads.requiredSecrets);
        return reads;
    }

    private Facts facts(String file, String text) {
        Facts facts = new Facts();
        Matcher secret = SECRET.matcher(text);
        while (secret.find()) {
            String name = name(file, secret.group(2), secret.group(3));
            if (name != null) {
                ("find".equals(secret.group(1)) ? facts.optionalSecrets : facts.requiredSecrets).add(name);
            }
        }
        Matcher setting = SETTING.matcher(text);
        while (setting.find()) {
            String name = name(file, setting.group(1), setting.group(2));
            if (name != null) {
                facts.settings.add(name);
            }
        }
        Matcher helper = SETTING_HELPER.matcher(text);
        while (helper.find()) {
            facts.settings.add(helper.group(1));
        }
        String code = blankStrings(text);
        Matcher call = CALL.matcher(code);
        while (call.find()) {
            String name = call.group(3);
            if (KEYWORDS.contains(name)) {
                continue;
            }
            if (call.group(1) != null) {
                facts.calls.add(new Call(name, name, false));
            } else {
                facts.calls.add(call(call.group(2), name));
            }
        }
        Matcher reference = METHOD_REFERENCE.matcher(code);
        while (reference.find()) {
            facts.calls.add(call(reference.group(1), "new".equals(reference.group(2)) ? reference.group(1) : reference.group(2)));
        }
        return facts;
    }

    private static Call call(String qualifier, String name) {
        if (qualifier == null || "this".equals(qualifier)) {
            return new Call(null, name, false);
        }
        if (Character.isUpperCase(qualifier.charAt(0))) {
            return new Call(qualifier, name, false);
        }
        return new Call(null, name, true);
    }

    /** A literal, or a constant of the same file, of a named class, or unique in the sources. */
    private String name(String file, String literal, String constant) {
        if (literal != null) {
            return literal;
        }
        String simple = constant.substring(constant.lastIndexOf('.') + 1);
        if (constant.contains(".")) {
            String owner = constant.substring(0, constant.lastIndexOf('.'));
            String ownerName = owner.substring(owner.lastIndexOf('.') + 1);
            for (Map.Entry<String, Map<String, String>> entry : constantsByFile.entrySet()) {
                if (entry.getKey().endsWith("/" + ownerName + ".java") && entry.getValue().containsKey(simple)) {
                    return entry.getValue().get(simple);
                }
            }
        }
        Map<String, String> own = constantsByFile.getOrDefault(file, Map.of());
        return own.containsKey(simple) ? own.get(simple) : uniqueConstants.get(simple);
    }

    /** The code with every string and char literal's content blanked, so text in messages is not a call. */
    private static String blankStrings(String text) {
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < out.length() && out.charAt(j) != c) {
                    if (out.charAt(j) == '\\') {
                        out.setCharAt(j, ' ');
                        j++;
                    }
                    if (j < out.length()) {
                        out.setCharAt(j, ' ');
                    }
                    j++;
                }
                i = j;
            }
        }
        return out.toString();
    }

    static Map<String, String> sources(Path dir) {
        Map<String, String> files = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList())) {
                files.put(file.toString().replace('\\', '/'), Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** What one function reads; {@code kitMethods} names the kit methods it reaches that read something. */
    static final class Reads {
        final Set<String> requiredSecrets = new TreeSet<>();
        final Set<String> optionalSecrets = new TreeSet<>();
        final Set<String> settings = new TreeSet<>();
        final Set<String> kitMethods = new TreeSet<>();

        void add(Facts facts) {
            requiredSecrets.addAll(facts.requiredSecrets);
            optionalSecrets.addAll(facts.optionalSecrets);
            settings.addAll(facts.settings);
        }

        Set<String> secrets() {
            Set<String> all = new TreeSet<>(requiredSecrets);
            all.addAll(optionalSecrets);
            return all;
        }
    }

    private static final class Facts {
        final Set<String> requiredSecrets = new TreeSet<>();
        final Set<String> optionalSecrets = new TreeSet<>();
        final Set<String> settings = new TreeSet<>();
        final List<Call> calls = new ArrayList<>();

        boolean readsAnything() {
            return !requiredSecrets.isEmpty() || !optionalSecrets.isEmpty() || !settings.isEmpty();
        }
    }

    private static final class Unit {
        final String file;
        final JavaSource.Method method;
        final Facts facts;

        Unit(String file, JavaSource.Method method, Facts facts) {
            this.file = file;
            this.method = method;
            this.facts = facts;
        }
    }

    private static final class Call {
        final String type;
        final String name;
        final boolean onInstance;

        Call(String type, String name, boolean onInstance) {
            this.type = type;
            this.name = name;
            this.onInstance = onInstance;
        }

        boolean reaches(Unit target, String fromFile) {
            JavaSource.Method method = target.method;
            if (!method.name.equals(name)) {
                return false;
            }
            if (type != null) {
                return method.owner.equals(type);
            }
            if (onInstance) {
                return !method.isStatic;
            }
            return target.file.equals(fromFile);
        }
    }
}
