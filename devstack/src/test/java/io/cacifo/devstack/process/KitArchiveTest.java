package io.cacifo.devstack.process;

import com.google.gson.Gson;
import io.cacifo.devstack.DevStackSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KitArchiveTest {
    private static final List<String> FLAGS = Arrays.asList(DevStackSettings.DEFAULT_JVM_FLAGS.split("\\s+"));

    @Test
    void only_jars_every_function_holds_with_the_same_bytes_go_into_the_archive_and_come_first(@TempDir Path dir)
            throws Exception {
        Path gson = jarOf(Gson.class);
        Path junit = jarOf(Test.class);
        Path first = functionLib(dir.resolve("a"), gson, junit);
        Path second = functionLib(dir.resolve("b"), gson);
        Files.write(second.resolve(junit.getFileName().toString()), "not the same jar".getBytes(StandardCharsets.UTF_8));

        KitArchive archive = KitArchive.build(List.of(first, second), dir.resolve("archive"), FLAGS);

        Path sharedGson = dir.resolve("archive").resolve("lib").resolve(gson.getFileName().toString());
        assertEquals(List.of(sharedGson), archive.jars());
        Path functionJar = dir.resolve("a").resolve("function.jar");
        assertEquals(List.of(sharedGson, functionJar, first.resolve(junit.getFileName().toString())),
                archive.classPath(functionJar, first));
        List<String> classList = Files.readAllLines(dir.resolve("archive").resolve(KitArchive.CLASS_LIST));
        assertTrue(classList.contains("com/google/gson/Gson"), "the kit's classes are listed");
        assertTrue(classList.contains("java/lang/Object"), "the JDK's default list is kept");
    }

    @Test
    void a_function_jvm_with_the_archive_first_on_its_class_path_maps_it(@TempDir Path dir) throws Exception {
        Path lib = functionLib(dir.resolve("fn"), jarOf(Gson.class));
        Path functionJar = Files.createFile(dir.resolve("fn").resolve("function.jar"));
        KitArchive archive = KitArchive.build(List.of(lib), dir.resolve("archive"), FLAGS);
        List<String> flags = new ArrayList<>(archive.flags(withArchiveFlag()));
        // -Xshare:on: a JVM that cannot map the archive fails instead of starting without it.
        flags.addAll(List.of("-Xshare:on", "-XX:+PrintSharedArchiveAndExit"));

        Run run = run(Jvm.command(flags, archive.classPath(functionJar, lib)), dir.resolve("check.log"));

        assertEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("archive is valid"), run.output);
        assertTrue(run.output.contains("com.google.gson.Gson"), "Gson is in the archive:\n" + run.output);
        assertFalse(archive.flags(withArchiveFlag()).contains(KitArchive.FLAG), "the devstack's marker is replaced");
    }

    @Test
    void the_simulator_and_runs_without_the_archive_get_the_flags_without_its_marker() {
        assertEquals(FLAGS.stream().filter(flag -> !flag.equals(KitArchive.FLAG)).collect(java.util.stream.Collectors.toList()),
                KitArchive.withoutFlag(withArchiveFlag()));
        assertTrue(KitArchive.requested(withArchiveFlag()));
    }

    private static List<String> withArchiveFlag() {
        List<String> flags = new ArrayList<>(FLAGS);
        if (!flags.contains(KitArchive.FLAG)) {
            flags.add(KitArchive.FLAG);
        }
        return flags;
    }

    private static Path functionLib(Path function, Path... jars) throws IOException {
        Path lib = Files.createDirectories(function.resolve("lib"));
        for (Path jar : jars) {
            Files.copy(jar, lib.resolve(jar.getFileName().toString()));
        }
        return lib;
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Run run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the check run took over 60 s");
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    private static final class Run {
        final int exit;
        final String output;

        Run(int exit, String output) {
            this.exit = exit;
            this.output = output;
        }
    }
}
