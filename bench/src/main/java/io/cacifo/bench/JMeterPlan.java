package io.cacifo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one plan of jmeter/ headless through its Maven module (JMeter itself comes from Maven
 * Central), writing {@code <out>/<plan>.csv}, {@code <out>/html/<plan>/} and {@code <out>/maven.log}.
 */
final class JMeterPlan {
    private final Path repoRoot;
    private final String plan;
    private final Map<String, String> properties = new LinkedHashMap<>();

    JMeterPlan(Path repoRoot, String plan) {
        this.repoRoot = repoRoot;
        this.plan = plan;
    }

    /** A -D for Maven, which the plugin passes on to JMeter as a property of the same name. */
    JMeterPlan with(String name, Object value) {
        properties.put(name, String.valueOf(value));
        return this;
    }

    JMeterPlan with(Map<String, String> values) {
        properties.putAll(values);
        return this;
    }

    /** Runs the plan and returns its samples file; throws {@link IllegalStateException} naming the log when JMeter failed. */
    Path run(Path out) throws InterruptedException {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not make " + out, e);
        }
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-f",
                repoRoot.resolve("jmeter").resolve("pom.xml").toString(), "clean", "verify",
                "-Dplan=" + plan, "-Dout=" + out.toAbsolutePath()));
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        Path log = out.resolve("maven.log");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(repoRoot.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Maven (is mvn on the PATH?)", e);
        }
        int exit = process.waitFor();
        Path samples = out.resolve(plan + ".csv");
        if (exit != 0 || !Files.isRegularFile(samples)) {
            throw new IllegalStateException("JMeter plan " + plan + " failed (exit " + exit + "); see " + log);
        }
        return samples;
    }
}
