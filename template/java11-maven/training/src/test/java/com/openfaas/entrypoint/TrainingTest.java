package com.openfaas.entrypoint;

import com.openfaas.model.AbstractHandler;
import com.openfaas.model.IRequest;
import com.openfaas.model.IResponse;
import com.openfaas.model.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingTest {
    @TempDir
    Path dir;

    @Test
    void a_handler_that_cannot_start_without_secrets_still_leaves_the_http_path_trained() {
        Training.Summary summary = Training.run(() -> {
            throw new IllegalStateException("secret 'db-password' is missing");
        }, List.of());

        assertTrue(summary.handler.contains("did not start (IllegalStateException: secret 'db-password' is missing)"),
                summary.handler);
        assertEquals(204, summary.trainingCallStatus, "the stub answers the training call");
        assertEquals(200, summary.trainingScrapeStatus, "the JVM's series are scraped once");
    }

    @Test
    void a_handler_that_starts_gets_the_training_call() throws Exception {
        AtomicReference<String> query = new AtomicReference<>();
        Training.Summary summary = Training.run(() -> new AbstractHandler() {
            @Override
            public IResponse Handle(IRequest request) {
                query.set(request.getQueryRaw());
                Response response = new Response();
                response.setStatusCode(400);
                response.setContentType("application/json");
                response.setBody("{\"error\":\"unknown_action\",\"message\":\"no such action\"}");
                return response;
            }
        }, List.of());

        assertTrue(summary.handler.endsWith(" started"), summary.handler);
        assertEquals(400, summary.trainingCallStatus);
        assertEquals(200, summary.trainingScrapeStatus);
        assertEquals("action=appcds-training", query.get());
    }

    @Test
    void classes_whose_optional_dependency_is_missing_are_skipped_and_the_rest_loaded() throws Exception {
        Path jar = jarOf(compile());
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            Training.Summary summary = new Training.Summary();
            Training.preload(jar, loader, summary);

            assertEquals(1, summary.classesLoaded, summary.toString());
            assertEquals(1, summary.classesSkipped, summary.toString());
            assertNotNull(Class.forName("train.Present", false, loader));
        }
    }

    @Test
    void an_unreadable_jar_is_reported_by_name() throws Exception {
        Path notAJar = Files.writeString(dir.resolve("broken.jar"), "not a zip");
        Training.Summary summary = new Training.Summary();
        Training.preload(notAJar, getClass().getClassLoader(), summary);

        assertEquals(List.of(notAJar.toString()), summary.unreadableJars);
        assertTrue(summary.toString().contains("unreadable: [" + notAJar + "]"), summary.toString());
    }

    @Test
    void only_jar_files_of_the_class_path_are_trained() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "x");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String classPath = jar + java.io.File.pathSeparator + classes + java.io.File.pathSeparator + dir.resolve("gone.jar");

        assertEquals(List.of(jar), Training.classPathJars(classPath));
    }

    /** train.Present, and train.Orphan whose superclass lives in a jar the class path lacks. */
    private Path compile() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/train"));
        Path missing = Files.createDirectories(dir.resolve("src/gone"));
        Files.writeString(src.resolve("Present.java"), "package train; public class Present {}");
        Files.writeString(src.resolve("Orphan.java"), "package train; public class Orphan extends gone.Missing {}");
        Files.writeString(missing.resolve("Missing.java"), "package gone; public class Missing {}");
        Path out = Files.createDirectories(dir.resolve("out"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", out.toString(),
                src.resolve("Present.java").toString(), src.resolve("Orphan.java").toString(),
                missing.resolve("Missing.java").toString());
        assertEquals(0, status, "javac");
        return out;
    }

    private Path jarOf(Path classes) throws IOException {
        Path jar = dir.resolve("lib.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("train/Present.class", "train/Orphan.class")) {
                out.putNextEntry(new JarEntry(name));
                out.write(Files.readAllBytes(classes.resolve(name)));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/versions/11/train/Present.class"));
            out.write(Files.readAllBytes(classes.resolve("train/Present.class")));
            out.closeEntry();
            out.putNextEntry(new JarEntry("README.txt"));
            writeText(out, "not a class");
            out.closeEntry();
        }
        return jar;
    }

    private static void writeText(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
