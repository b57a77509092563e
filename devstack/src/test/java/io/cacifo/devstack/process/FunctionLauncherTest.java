package io.cacifo.devstack.process;

import io.cacifo.devstack.stack.FunctionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FunctionLauncherTest {
    private static final FunctionEnvironment ENVIRONMENT = new FunctionEnvironment("http://127.0.0.1:18080", "127.0.0.1",
            13307, "http://127.0.0.1:18070", "http://127.0.0.1:18090", Map.of());
    private static final FunctionSpec SPEC = new FunctionSpec("door-io", "image", "./functions/door-io", Map.of(),
            List.of(), Map.of());

    @TempDir
    Path repo;

    private Path target() throws IOException {
        Path target = repo.resolve("functions/door-io/target");
        Files.createDirectories(target.resolve("lib"));
        Files.writeString(target.resolve("function.jar"), "");
        // Created out of order: the class path must not depend on the directory's order.
        for (String jar : List.of("kit-0.1.0.jar", "HikariCP-5.1.0.jar", "entrypoint-0.1.0.jar", "gson-2.11.0.jar")) {
            Files.writeString(target.resolve("lib").resolve(jar), "");
        }
        Files.writeString(target.resolve("lib").resolve("README.txt"), "not a jar");
        return target;
    }

    private String classPath(Path target, String... libs) {
        StringBuilder path = new StringBuilder(target.resolve("function.jar").toString());
        for (String lib : libs) {
            path.append(java.io.File.pathSeparator).append(target.resolve("lib").resolve(lib));
        }
        return path.toString();
    }

    @Test
    void a_function_runs_on_the_devstacks_own_java_with_its_jars_listed_in_name_order_as_appcds_sh_lists_them()
            throws IOException {
        Path target = target();
        FunctionLauncher launcher = new FunctionLauncher(repo, repo.resolve("logs"), List.of("-Xmx16m"), ENVIRONMENT);

        assertEquals(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx16m", "-cp",
                        classPath(target, "HikariCP-5.1.0.jar", "entrypoint-0.1.0.jar", "gson-2.11.0.jar", "kit-0.1.0.jar"),
                        FunctionLauncher.MAIN_CLASS),
                launcher.command(SPEC));
    }

    @Test
    void another_java_command_comes_before_the_flags_word_by_word() throws IOException {
        Path target = target();
        FunctionLauncher launcher = new FunctionLauncher(repo, repo.resolve("logs"),
                List.of("qemu-aarch64-static", "/usr/lib/jvm/java-17-openjdk-arm64/bin/java"),
                List.of("-Xshare:auto", "-XX:SharedArchiveFile=target/app.jsa"), ENVIRONMENT, Optional.empty());

        assertEquals(List.of("qemu-aarch64-static", "/usr/lib/jvm/java-17-openjdk-arm64/bin/java", "-Xshare:auto",
                        "-XX:SharedArchiveFile=target/app.jsa", "-cp",
                        classPath(target, "HikariCP-5.1.0.jar", "entrypoint-0.1.0.jar", "gson-2.11.0.jar", "kit-0.1.0.jar"),
                        FunctionLauncher.MAIN_CLASS),
                launcher.command(SPEC));
    }

    @Test
    void a_function_without_a_lib_folder_has_only_its_jar_on_the_class_path() throws IOException {
        Path target = repo.resolve("functions/door-io/target");
        Files.createDirectories(target);
        FunctionLauncher launcher = new FunctionLauncher(repo, repo.resolve("logs"), List.of(), ENVIRONMENT);

        assertEquals(List.of("-cp", target.resolve("function.jar").toString(), FunctionLauncher.MAIN_CLASS),
                launcher.command(SPEC).subList(1, 4));
    }
}
