package io.cacifo.devstack.process;

import io.cacifo.devstack.stack.FunctionSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The functions' processes: which were deployed, which were skipped (not built), each one's task
 * as the gateway sees it ({@link ProcessTask}), and the faults a test throws at them. Once
 * {@link #stopAll} ran nothing starts again.
 */
public final class RunningFunctions {
    private static final Logger LOG = Logger.getLogger(RunningFunctions.class.getName());

    private final FunctionLauncher launcher;
    /** Only in {@link FunctionMode#MONOLITH}: every function's process is this launcher's one JVM. */
    private final MonolithLauncher monolith;
    private final Duration startTimeout;
    private final FunctionMode mode;
    private final Map<String, ChildProcess> processes = new LinkedHashMap<>();
    private final Map<String, ProcessTask> tasks = new LinkedHashMap<>();
    private final List<String> skipped = new ArrayList<>();
    private boolean stopped;

    public RunningFunctions(FunctionLauncher launcher, Duration startTimeout, FunctionMode mode) {
        this(launcher, null, startTimeout, mode);
    }

    /** {@code monolith} runs the functions in {@link FunctionMode#MONOLITH}; null in the other modes. */
    public RunningFunctions(FunctionLauncher launcher, MonolithLauncher monolith, Duration startTimeout, FunctionMode mode) {
        if (mode == FunctionMode.MONOLITH && monolith == null) {
            throw new IllegalArgumentException("the monolith mode needs the monolith's launcher");
        }
        this.launcher = launcher;
        this.monolith = monolith;
        this.startTimeout = startTimeout;
        this.mode = mode;
    }

    /** Told of each function once it is deployed: in faasd mode before its process starts, eagerly once it listens. */
    public interface OnDeployed {
        void deployed(FunctionSpec spec, ChildProcess process, ProcessTask task);
    }

    /**
     * Deploys every built function; a function whose jar is missing is skipped with a warning. In
     * {@link FunctionMode#FAASD} no process starts (the first call through the gateway starts it).
     * In {@link FunctionMode#EAGER} all start at once (they spend their start mostly loading
     * classes, in parallel), then each is waited for; throws {@link IllegalStateException} naming
     * the log of a function that exits or does not listen within the start timeout.
     */
    public void deployAll(List<FunctionSpec> specs, Function<FunctionSpec, Path> secretsDir, OnDeployed onDeployed) {
        if (mode == FunctionMode.MONOLITH) {
            deployMonolith(specs, secretsDir, onDeployed);
            return;
        }
        List<FunctionSpec> deployed = new ArrayList<>();
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
            ProcessTask task = new ProcessTask(process, mode);
            synchronized (this) {
                requireRunning();
                processes.put(spec.name(), process);
                tasks.put(spec.name(), task);
                if (mode == FunctionMode.EAGER) {
                    task.start();
                }
            }
            deployed.add(spec);
        }
        for (FunctionSpec spec : deployed) {
            ChildProcess process = require(spec.name());
            if (mode == FunctionMode.EAGER) {
                process.awaitPort(startTimeout);
            }
            onDeployed.deployed(spec, process, task(spec.name()));
        }
    }

    /**
     * {@link FunctionMode#MONOLITH}: every built function in the one JVM, started now and waited for
     * (its port; the handlers are built behind it); each function's process and task are that JVM's.
     */
    private void deployMonolith(List<FunctionSpec> specs, Function<FunctionSpec, Path> secretsDir, OnDeployed onDeployed) {
        List<FunctionSpec> built = new ArrayList<>();
        for (FunctionSpec spec : specs) {
            if (launcher.isBuilt(spec)) {
                built.add(spec);
            } else {
                LOG.warning("[devstack] WARNING: " + launcher.jar(spec) + " does not exist, so " + spec.name()
                        + " is not in the monolith");
                synchronized (this) {
                    skipped.add(spec.name());
                }
            }
        }
        ChildProcess process = monolith.prepare(built, FreePort.or(0), secretsDir);
        ProcessTask task = new ProcessTask(process, mode);
        synchronized (this) {
            requireRunning();
            for (FunctionSpec spec : built) {
                processes.put(spec.name(), process);
                tasks.put(spec.name(), task);
            }
            task.start();
        }
        process.awaitPort(startTimeout);
        for (FunctionSpec spec : built) {
            onDeployed.deployed(spec, process, task);
        }
    }

    public FunctionMode mode() {
        return mode;
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

    private synchronized ProcessTask task(String name) {
        require(name);
        return tasks.get(name);
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill(String name) {
        require(name).kill();
    }

    /** Starts the function again on its port and waits until it listens; does nothing to a running one. */
    public void start(String name) {
        ProcessTask task = task(name);
        synchronized (this) {
            requireRunning();
            task.start();
        }
        require(name).awaitPort(startTimeout);
    }

    /** SIGKILL to every function at once, their watchdogs gone too (a power cut); returns once all are gone. */
    public void cutPower() {
        List<ProcessTask> all;
        synchronized (this) {
            // The monolith's task stands for all seven: once each.
            all = new ArrayList<>(new LinkedHashSet<>(tasks.values()));
        }
        List<Process> killed = new ArrayList<>();
        all.forEach(task -> killed.add(task.cutPower()));
        killed.forEach(ChildProcess::awaitGone);
    }

    /** SIGTERM to all at once, then waits up to {@code grace} for each before SIGKILL. */
    public void stopAll(Duration grace) {
        List<ChildProcess> all;
        synchronized (this) {
            stopped = true;
            all = new ArrayList<>(new LinkedHashSet<>(processes.values()));
            tasks.values().forEach(ProcessTask::retire);
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
