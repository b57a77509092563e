package io.cacifo.devstack.process;

import io.cacifo.devstack.stack.FunctionSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Prepares a function's JVM as the template's Dockerfile runs it:
 * {@code java <flags> -cp target/function.jar:<each jar of target/lib, sorted> com.openfaas.entrypoint.App},
 * from the function's folder as stack.yaml's handler names it. The jars are listed by name, as
 * template/java11-maven/appcds.sh writes its class path, rather than as {@code lib/*}, which the
 * launcher expands in the directory's order: an AppCDS archive made by appcds.sh is refused by a
 * JVM whose class path differs from the one it was made with. With a {@link KitArchive}, the class
 * path starts with the archive's jars and the JVM maps it.
 */
public final class FunctionLauncher {
    static final String MAIN_CLASS = "com.openfaas.entrypoint.App";

    private final Path repoRoot;
    private final Path logsDir;
    private final List<String> java;
    private final List<String> jvmFlags;
    private final FunctionEnvironment environment;
    private final Optional<KitArchive> kitArchive;

    public FunctionLauncher(Path repoRoot, Path logsDir, List<String> jvmFlags, FunctionEnvironment environment) {
        this(repoRoot, logsDir, List.of(), jvmFlags, environment, Optional.empty());
    }

    /**
     * {@code java}: the command before the flags (DevStackSettings.functionJava); empty for the
     * devstack's own java. {@code kitArchive}: when present, every function maps it ({@code jvmFlags}
     * then hold {@link KitArchive#FLAG}); when absent that flag is dropped.
     */
    public FunctionLauncher(Path repoRoot, Path logsDir, List<String> java, List<String> jvmFlags,
                            FunctionEnvironment environment, Optional<KitArchive> kitArchive) {
        this.repoRoot = repoRoot;
        this.logsDir = logsDir;
        this.java = List.copyOf(java);
        this.jvmFlags = kitArchive.map(archive -> archive.flags(jvmFlags)).orElse(KitArchive.withoutFlag(jvmFlags));
        this.environment = environment;
        this.kitArchive = kitArchive;
    }

    public Path folder(FunctionSpec spec) {
        return repoRoot.resolve(spec.handler()).normalize();
    }

    /** The folder as a person types it from the repository root, for messages. */
    public Path relativeFolder(FunctionSpec spec) {
        return repoRoot.relativize(folder(spec));
    }

    /** The folder of the jars the function runs with besides its own (the kit, the drivers). */
    public Path libDir(FunctionSpec spec) {
        return folder(spec).resolve("target").resolve("lib");
    }

    public Path jar(FunctionSpec spec) {
        return folder(spec).resolve("target").resolve("function.jar");
    }

    /** Whether `mvn package` has left the function's jar; a function still being written has none. */
    public boolean isBuilt(FunctionSpec spec) {
        return Files.isRegularFile(jar(spec));
    }

    /** The process, not started yet; {@code secretsDir} holds only this function's secrets. */
    public ChildProcess prepare(FunctionSpec spec, int port, Path secretsDir) {
        return new ChildProcess(spec.name(), command(spec), environment.of(spec, port, secretsDir), folder(spec),
                logsDir.resolve(spec.name() + ".log"), port);
    }

    /** The command line, run from {@link #folder}. */
    List<String> command(FunctionSpec spec) {
        Path lib = libDir(spec);
        if (kitArchive.isPresent()) {
            return Jvm.command(java, jvmFlags, kitArchive.get().classPath(jar(spec), lib), MAIN_CLASS);
        }
        List<Path> classPath = new ArrayList<>();
        classPath.add(jar(spec));
        classPath.addAll(jarsIn(lib));
        return Jvm.command(java, jvmFlags, classPath, MAIN_CLASS);
    }

    /** The jars in {@code dir} sorted by name, as appcds.sh lists them (none when it does not exist). */
    static List<Path> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted()
                    .collect(Collectors.toUnmodifiableList());
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
    }
}
