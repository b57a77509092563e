package io.cacifo.devstack.process;

import com.openfaas.entrypoint.EntrypointSettings;
import io.cacifo.devstack.stack.FunctionSpec;
import io.cacifo.monolith.MonolithPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Prepares the monolith's JVM ({@code monolith/}: {@code java <flags> -cp monolith.jar:lib/*
 * io.cacifo.monolith.Monolith}) for the functions given: each with the environment and secrets
 * folder it would get as its own process ({@link FunctionEnvironment}), written to a
 * {@link MonolithPlan} file. The one server gets as many threads and as long a queue as the
 * functions' servers have together, so it is offered the same capacity.
 */
public final class MonolithLauncher {
    static final String MAIN_CLASS = "io.cacifo.monolith.Monolith";
    /** The function's log name is the monolith's: all seven write to one log. */
    public static final String NAME = "monolith";

    private final Path repoRoot;
    private final Path logsDir;
    private final Path planFile;
    private final List<String> jvmFlags;
    private final FunctionLauncher functions;
    private final FunctionEnvironment environment;

    public MonolithLauncher(Path repoRoot, Path logsDir, Path planFile, List<String> jvmFlags, FunctionLauncher functions,
                            FunctionEnvironment environment) {
        this.repoRoot = repoRoot;
        this.logsDir = logsDir;
        this.planFile = planFile;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.functions = functions;
        this.environment = environment;
    }

    public Path jar() {
        return repoRoot.resolve("monolith").resolve("target").resolve("monolith.jar");
    }

    /** Throws {@link IllegalStateException} with the build command when the monolith is not built. */
    public ChildProcess prepare(List<FunctionSpec> specs, int port, Function<FunctionSpec, Path> secretsDir) {
        if (!Files.isRegularFile(jar())) {
            throw new IllegalStateException(jar() + " does not exist, so the locker cannot run as a monolith. Build it with: "
                    + "mvn -B -pl monolith -am package -DskipTests");
        }
        List<MonolithPlan.Function> planned = new ArrayList<>();
        int threads = 0;
        int queue = 0;
        for (FunctionSpec spec : specs) {
            // The port a function would listen on is the monolith's; nothing else reads it.
            Map<String, String> env = environment.of(spec, port, secretsDir.apply(spec));
            threads += entrypointSetting(env, "handler_threads");
            queue += entrypointSetting(env, "handler_queue");
            planned.add(new MonolithPlan.Function(spec.name(), functions.jar(spec), env));
        }
        try {
            Files.createDirectories(planFile.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("could not make " + planFile.getParent(), e);
        }
        new MonolithPlan(planned).write(planFile);
        Map<String, String> env = new LinkedHashMap<>();
        env.put(MonolithPlan.PLAN_VARIABLE, planFile.toString());
        env.put("upstream_port", Integer.toString(port));
        env.put("handler_threads", Integer.toString(threads));
        env.put("handler_queue", Integer.toString(queue));
        Path target = jar().getParent();
        return new ChildProcess(NAME, Jvm.command(jvmFlags, List.of(jar(), target.resolve("lib").resolve("*")), MAIN_CLASS),
                env, repoRoot, logsDir.resolve(NAME + ".log"), port);
    }

    private static int entrypointSetting(Map<String, String> env, String key) {
        String value = env.get(key);
        return value == null || value.isBlank() ? EntrypointSettings.DEFAULTS.get(key) : Integer.parseInt(value.trim());
    }
}
