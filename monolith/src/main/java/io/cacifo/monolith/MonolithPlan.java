package io.cacifo.monolith;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the monolith runs: each function's name, its jar and the environment it would get as its
 * own process (stack.yaml's, as the devstack fills it, secrets_dir included), in the order the
 * handlers are built. Written by whoever starts the monolith (the devstack), read by {@link Monolith},
 * as one properties file: {@code functions=a,b}, {@code a.jar=...}, {@code a.env.<key>=<value>}.
 */
public final class MonolithPlan {
    /** The environment variable that names the plan file. */
    public static final String PLAN_VARIABLE = "monolith_plan";

    private final List<Function> functions;

    public MonolithPlan(List<Function> functions) {
        this.functions = List.copyOf(functions);
    }

    /** One function of the monolith. */
    public static final class Function {
        private final String name;
        private final Path jar;
        private final Map<String, String> environment;

        public Function(String name, Path jar, Map<String, String> environment) {
            if (!name.matches("[a-z][a-z0-9-]{0,62}")) {
                throw new IllegalArgumentException("not a function name: " + name);
            }
            this.name = name;
            this.jar = jar.toAbsolutePath().normalize();
            this.environment = Map.copyOf(environment);
        }

        public String name() {
            return name;
        }

        public Path jar() {
            return jar;
        }

        public Map<String, String> environment() {
            return environment;
        }
    }

    public List<Function> functions() {
        return functions;
    }

    public void write(Path file) {
        Properties properties = new Properties();
        List<String> names = new ArrayList<>();
        for (Function function : functions) {
            names.add(function.name);
            properties.setProperty(function.name + ".jar", function.jar.toString());
            function.environment.forEach((key, value) -> properties.setProperty(function.name + ".env." + key, value));
        }
        properties.setProperty("functions", String.join(",", names));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "the monolith's functions (io.cacifo.monolith.MonolithPlan)");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** Throws {@link IllegalStateException} naming the file for a plan without functions or a function without a jar. */
    public static MonolithPlan read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the monolith's plan " + file, e);
        }
        String names = properties.getProperty("functions", "").trim();
        if (names.isEmpty()) {
            throw new IllegalStateException(file + " names no functions");
        }
        List<Function> functions = new ArrayList<>();
        for (String name : names.split(",")) {
            String jar = properties.getProperty(name + ".jar");
            if (jar == null || jar.isBlank()) {
                throw new IllegalStateException(file + " gives " + name + " no jar");
            }
            String prefix = name + ".env.";
            Map<String, String> env = new TreeMap<>();
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith(prefix)) {
                    env.put(key.substring(prefix.length()), properties.getProperty(key));
                }
            }
            functions.add(new Function(name, Path.of(jar), new LinkedHashMap<>(env)));
        }
        return new MonolithPlan(functions);
    }
}
