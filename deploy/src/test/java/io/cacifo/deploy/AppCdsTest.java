package io.cacifo.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * template/java11-maven/appcds.sh, run as the image build runs it (with the Dockerfile's JVM_FLAGS
 * and the training jar beside the app) on a real function: the template's skeleton with the kit and
 * the entrypoint, laid out as the image holds it (function.jar, lib/). The JVM here is the build
 * machine's, not the image's Temurin 11; the flags and the three steps are the same on both.
 */
class AppCdsTest {
    private static final String TRAINING_JAR = Path.of("target/appcds-training/appcds-training.jar").toAbsolutePath().toString();
    @TempDir
    static Path app;
    private static Processes.Result built;

    @BeforeAll
    static void buildTheArchive() throws IOException {
        Path lib = Files.createDirectories(app.resolve("lib"));
        try (Stream<Path> jars = Files.list(Path.of("target/appcds-app/lib"))) {
            for (Path jar : jars.collect(Collectors.toList())) {
                String name = jar.getFileName().toString();
                Path target = name.startsWith("function-skeleton-") ? app.resolve("function.jar") : lib.resolve(name);
                Files.copy(jar, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        built = Processes.run(List.of("bash", "template/java11-maven/appcds.sh", app.toString(), TRAINING_JAR), env());
    }

    private static Map<String, String> env() {
        return Map.of("JVM_FLAGS", TemplateImageTest.jvmFlags(), "JAVA", java());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void the_image_build_step_makes_an_archive_from_a_training_run_without_secrets() {
        assertEquals(0, built.exitCode, built.toString());
        assertTrue(built.output.contains("[training] handler did not start (IllegalStateException: setting 'function_name'"),
                "the training run survives the missing settings and secrets: " + built.output);
        assertTrue(built.output.matches("(?s).*appcds: \\d+ classes archived in .*app\\.jsa.*"), built.output);
        assertTrue(Files.isRegularFile(app.resolve("app.jsa")));
    }

    @Test
    void the_class_path_is_written_out_jar_by_jar_in_a_fixed_order() throws IOException {
        List<String> expected = new ArrayList<>(List.of(app.resolve("function.jar").toString()));
        try (Stream<Path> jars = Files.list(app.resolve("lib"))) {
            jars.map(Path::toString).sorted().forEach(expected::add);
        }
        String argfile = Files.readString(app.resolve("classpath.argfile")).trim();

        assertEquals("-cp " + String.join(":", expected), argfile);
        assertTrue(expected.stream().anyMatch(jar -> jar.endsWith("kit-0.1.0.jar")), expected.toString());
    }

    @Test
    void the_function_s_class_path_carries_no_training_code() throws IOException {
        List<String> withTraining = new ArrayList<>();
        try (Stream<Path> jars = Stream.concat(Stream.of(app.resolve("function.jar")), Files.list(app.resolve("lib")))) {
            for (Path jar : jars.collect(Collectors.toList())) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    if (file.getEntry("com/openfaas/entrypoint/Training.class") != null) {
                        withTraining.add(jar.getFileName().toString());
                    }
                }
            }
        }
        assertEquals(List.of(), withTraining, "jars of the function's class path with the AppCDS training in them");
        try (JarFile training = new JarFile(TRAINING_JAR)) {
            assertNotNull(training.getEntry("com/openfaas/entrypoint/Training.class"), TRAINING_JAR);
        }
    }

    @Test
    void a_function_jvm_started_like_fprocess_loads_the_kit_and_the_entrypoint_from_the_archive() throws IOException {
        // fprocess's class path with the training jar appended, which CDS accepts: Training, not App, so the run ends.
        String classPath = Files.readString(app.resolve("classpath.argfile")).trim().substring("-cp ".length());
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(Arrays.asList(TemplateImageTest.jvmFlags().split(" ")));
        command.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + app.resolve("app.jsa"),
                "-Xlog:class+load=info", "-cp", classPath + ":" + TRAINING_JAR, "com.openfaas.entrypoint.Training"));
        Processes.Result run = Processes.run(command, Map.of(), app, 120);

        assertEquals(0, run.exitCode, run.toString());
        for (String cls : List.of("io.cacifo.kit.Services", "com.openfaas.entrypoint.InvocationExchange",
                "com.openfaas.function.Handler", "com.google.gson.Gson",
                // The JVM series every function serves: trained by one scrape.
                "com.openfaas.entrypoint.RuntimeMetrics", "io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics")) {
            assertTrue(run.output.contains(cls + " source: shared objects file"), cls + " not from the archive");
        }
    }

    @Test
    void a_folder_without_a_function_jar_fails_the_build() throws IOException {
        Path empty = Files.createDirectories(app.resolve("empty"));
        Processes.Result run = Processes.run(List.of("bash", "template/java11-maven/appcds.sh", empty.toString(), TRAINING_JAR), env());

        assertNotEquals(0, run.exitCode, run.toString());
        assertTrue(run.output.contains("appcds: no function.jar in"), run.output);
    }

    @Test
    void a_missing_training_jar_fails_the_build() throws IOException {
        Processes.Result run = Processes.run(List.of("bash", "template/java11-maven/appcds.sh", app.toString(),
                app.resolve("no-training.jar").toString()), env());

        assertNotEquals(0, run.exitCode, run.toString());
        assertTrue(run.output.contains("appcds: no training jar at"), run.output);
    }
}
