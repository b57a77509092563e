package io.cacifo.devstack.process;

import io.cacifo.devstack.stack.FunctionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prepares a function's JVM as the template's Dockerfile runs it:
 * {@code java <flags> -cp target/function.jar:target/lib/* com.openfaas.entrypoint.App}, from the
 * function's folder as stack.yaml's handler names it.
 */
public final class FunctionLauncher {
    static final String MAIN_CLASS = "com.openfaas.entrypoint.App";

    private final Path repoRoot;
    private final Path logsDir;
    private final List<String> jvmFlags;
    private final FunctionEnvironment environment;

    public FunctionLauncher(Path repoRoot, Path logsDir, List<String> jvmFlags, FunctionEnvironment environment) {
        this.repoRoot = repoRoot;
        this.logsDir = logsDir;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.environment = environment;
    }

    public Path folder(FunctionSpec spec) {
        return repoRoot.resolve(spec.handler()).normalize();
    }

    /** The folder as a person types it from the repository root, for messages. */
    public Path relativeFolder(FunctionSpec spec) {
        return repoRoot.relativize(folder(spec));
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
        Path target = folder(spec).resolve("target");
        List<String> command = Jvm.command(jvmFlags, List.of(jar(spec), target.resolve("lib").resolve("*")), MAIN_CLASS);
        return new ChildProcess(spec.name(), command, environment.of(spec, port, secretsDir), folder(spec),
                logsDir.resolve(spec.name() + ".log"), port);
    }
}
