package io.cacifo.devstack.process;

import io.cacifo.devstack.stack.FunctionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Prepares a function's JVM as the template's Dockerfile runs it:
 * {@code java <flags> -cp target/function.jar:target/lib/* com.openfaas.entrypoint.App}, from the
 * function's folder as stack.yaml's handler names it. With a {@link KitArchive}, the class path
 * starts with the archive's jars and the JVM maps it.
 */
public final class FunctionLauncher {
    static final String MAIN_CLASS = "com.openfaas.entrypoint.App";

    private final Path repoRoot;
    private final Path logsDir;
    private final List<String> jvmFlags;
    private final FunctionEnvironment environment;
    private final Optional<KitArchive> kitArchive;

    public FunctionLauncher(Path repoRoot, Path logsDir, List<String> jvmFlags, FunctionEnvironment environment) {
        this(repoRoot, logsDir, jvmFlags, environment, Optional.empty());
    }

    /** {@code kitArchive}: when present, every function maps it ({@code jvmFlags} then hold {@link KitArchive#FLAG}). */
    public FunctionLauncher(Path repoRoot, Path logsDir, List<String> jvmFlags, FunctionEnvironment environment,
                            Optional<KitArchive> kitArchive) {
        this.repoRoot = repoRoot;
        this.logsDir = logsDir;
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
        Path lib = folder(spec).resolve("target").resolve("lib");
        List<Path> classPath = kitArchive.map(archive -> archive.classPath(jar(spec), lib))
                .orElse(List.of(jar(spec), lib.resolve("*")));
        List<String> command = Jvm.command(jvmFlags, classPath, MAIN_CLASS);
        return new ChildProcess(spec.name(), command, environment.of(spec, port, secretsDir), folder(spec),
                logsDir.resolve(spec.name() + ".log"), port);
    }
}
