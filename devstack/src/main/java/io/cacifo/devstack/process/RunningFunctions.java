package io.cacifo.devstack.process;

import io.cacifo.devstack.stack.FunctionSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The functions' processes: which were deployed, which were skipped (not built), and killing and
 * restarting one as a crash and faasd's restart would. Once {@link #stopAll} ran nothing starts again.
 */
public final class RunningFunctions {
    private static final Logger LOG = Logger.getLogger(RunningFunctions.class.getName());

    private final FunctionLauncher launcher;
    private final Duration startTimeout;
    private final Map<String, ChildProcess> processes = new LinkedHashMap<>();
    private final List<String> skipped = new ArrayList<>();
    private boolean stopped;

    public RunningFunctions(FunctionLauncher launcher, Duration startTimeout) {
        this.launcher = launcher;
        this.startTimeout = startTimeout;
    }

    /**
     * Starts every built function at once (they spend their start mostly loading classes, in
     * parallel), then waits for each to listen, telling {@code onUp} about each. A function whose
     * jar is missing is skipped with a warning. Throws {@link IllegalStateException} naming the log
     * of a function that exits or does not listen within the start timeout.
     */
    public void startAll(List<FunctionSpec> specs, Function<FunctionSpec, Path> secretsDir,
                         BiConsumer<FunctionSpec, ChildProcess> onUp) {
        List<FunctionSpec> started = new ArrayList<>();
        for (FunctionSpec spec : specs) {
            if (!launcher.isBuilt(spec)) {
                LOG.warning("[devstack] WARNING: " + launcher.jar(spec) + " does not exist, so " + spec.name()
                        + " is not deployed. Build it with: mvn -B -f " + launcher.relativeFolder(spec)
                        + "/pom.xml package -DskipTests");
                synchronized (this) {
                    skipped.add(spec.name());
                }
                continue;
            }
            ChildProcess process = launcher.prepare(spec, FreePort.or(0), secretsDir.apply(spec));
            synchronized (this) {
                requireRunning();
                processes.put(spec.name(), process);
                process.start();
            }
            started.add(spec);
        }
        for (FunctionSpec spec : started) {
            ChildProcess process = require(spec.name());
            process.awaitPort(startTimeout);
            onUp.accept(spec, process);
        }
    }

    /** In stack.yaml order; a function killed since is still deployed. */
    public synchronized List<String> deployed() {
        return new ArrayList<>(processes.keySet());
    }

    public synchronized List<String> skipped() {
        return new ArrayList<>(skipped);
    }

    public synchronized Optional<ChildProcess> find(String name) {
        return Optional.ofNullable(processes.get(name));
    }

    /** Throws {@link IllegalArgumentException} for a function that was not deployed. */
    public ChildProcess require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                name + " is not deployed on this devstack (deployed: " + deployed() + ")"));
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill(String name) {
        require(name).kill();
    }

    /** Starts the function again on its port and waits until it listens; does nothing to a running one. */
    public void start(String name) {
        ChildProcess process = require(name);
        synchronized (this) {
            requireRunning();
            process.start();
        }
        process.awaitPort(startTimeout);
    }

    /** SIGTERM to all at once, then waits up to {@code grace} for each before SIGKILL. */
    public void stopAll(Duration grace) {
        List<ChildProcess> all;
        synchronized (this) {
            stopped = true;
            all = new ArrayList<>(processes.values());
        }
        all.forEach(ChildProcess::requestStop);
        all.forEach(process -> process.awaitStopped(grace));
    }

    private void requireRunning() {
        if (stopped) {
            throw new IllegalStateException("the devstack is stopping");
        }
    }
}
