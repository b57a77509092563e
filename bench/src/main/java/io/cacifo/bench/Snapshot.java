package io.cacifo.bench;

import io.cacifo.devstack.stack.FunctionSpec;
import io.cacifo.kit.testing.StackYaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipFile;
import java.util.stream.Stream;

/**
 * A copy of what a devstack runs (stack.yaml, db/, Prometheus configs, deploy/host's wake script, each function's jar and
 * lib/, the simulator's), made once per bench: every configuration then runs exactly the same
 * build, and a rebuild in the working tree while the bench runs (a jar rewritten under a running
 * JVM ends in NoClassDefFoundError) cannot touch it. Each copied jar is opened once to check it is
 * whole; one caught mid-write is copied again.
 */
final class Snapshot {
    private static final List<String> FILES = List.of("stack.yaml", "prometheus-federate.yml");
    /** deploy/host: the wake script the faasd-like devstack runs at boot, as the Pi's boot unit does. */
    private static final List<String> FOLDERS = List.of("db", "prometheus", "deploy/host");
    private static final int ATTEMPTS = 5;

    private Snapshot() {
    }

    /** Makes {@code into} afresh from {@code repoRoot} and returns it; fails naming what could not be copied. */
    static Path of(Path repoRoot, Path into) throws InterruptedException {
        delete(into);
        try {
            Files.createDirectories(into);
            for (String file : FILES) {
                if (Files.isRegularFile(repoRoot.resolve(file))) {
                    Files.copy(repoRoot.resolve(file), into.resolve(file));
                }
            }
            for (String folder : FOLDERS) {
                copyTree(repoRoot.resolve(folder), into.resolve(folder));
            }
            for (FunctionSpec spec : FunctionSpec.listIn(StackYaml.read(repoRoot.resolve("stack.yaml"), System.getenv()))) {
                copyBuild(repoRoot.resolve(spec.handler()).normalize().resolve("target"),
                        into.resolve(spec.handler()).normalize().resolve("target"), "function.jar");
            }
            copyBuild(repoRoot.resolve("door-simulator/target"), into.resolve("door-simulator/target"), "door-simulator.jar");
        } catch (IOException e) {
            throw new UncheckedIOException("could not snapshot the build into " + into, e);
        }
        return into;
    }

    /** The jar and lib/ of one build, if it was built; an unbuilt one stays missing, as the devstack expects. */
    private static void copyBuild(Path target, Path into, String jar) throws IOException, InterruptedException {
        if (!Files.isRegularFile(target.resolve(jar))) {
            return;
        }
        Files.createDirectories(into.resolve("lib"));
        copyWhole(target.resolve(jar), into.resolve(jar));
        if (Files.isDirectory(target.resolve("lib"))) {
            try (Stream<Path> libs = Files.list(target.resolve("lib"))) {
                for (Path lib : (Iterable<Path>) libs::iterator) {
                    copyWhole(lib, into.resolve("lib").resolve(lib.getFileName()));
                }
            }
        }
    }

    private static void copyWhole(Path from, Path to) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            if (!to.toString().endsWith(".jar") || isWholeJar(to)) {
                return;
            }
            if (attempt == ATTEMPTS) {
                throw new IOException(from + " is not a whole jar after " + ATTEMPTS + " copies (is a build running?)");
            }
            Thread.sleep(2000);
        }
    }

    private static boolean isWholeJar(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.size() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
