package io.cacifo.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * One program the devstack runs (a function's JVM, the simulator) that serves on a known TCP port.
 * Its environment is exactly what it is given, as in a container; its output is appended to its
 * log file, so a restart keeps the earlier run's lines.
 */
public final class ChildProcess {
    private static final Logger LOG = Logger.getLogger(ChildProcess.class.getName());
    private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "TZ");
    /** How much of the log an unexpected exit reports: enough for a JVM's fatal error and stack. */
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workDir;
    private final Path log;
    private final int port;
    private Process process;
    /** The last run's exit handling; a finished one before the first start. */
    private CompletableFuture<Void> exitHandled = CompletableFuture.completedFuture(null);
    /** The current process was told to stop or killed on purpose, so its exit is no news. */
    private boolean stopExpected;

    public ChildProcess(String name, List<String> command, Map<String, String> environment, Path workDir,
                        Path log, int port) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
        this.log = log;
        this.port = port;
    }

    /**
     * Leaves in a new process's environment (a {@link ProcessBuilder#environment()}, a copy of the
     * devstack's) only what a container's would hold from outside: PATH, HOME, LANG and TZ.
     */
    public static void keepInheritedOnly(Map<String, String> env) {
        env.keySet().retainAll(INHERITED);
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** Starts the program unless it is already running; does not wait for its port. */
    public synchronized void start() {
        if (isAlive()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        keepInheritedOnly(env);
        env.putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            process = builder.start();
            stopExpected = false;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + " (" + command.get(0) + ")", e);
        }
        Process started = process;
        exitHandled = started.onExit().thenAccept(this::reportIfUnexpected);
    }

    /** Completes once the last run's exit has been handled: reported if it was unexpected, or let be. */
    synchronized CompletableFuture<Void> exitHandled() {
        return exitHandled;
    }

    /**
     * A program that dies on its own (a crash, a bind failure, the OOM killer) says so in the
     * devstack's own output with the end of its log, so a demo or a CI run shows why, not only that
     * a function answered 502.
     */
    private void reportIfUnexpected(Process exited) {
        synchronized (this) {
            if (exited != process || stopExpected) {
                return;
            }
        }
        LOG.warning("[devstack] " + name + " exited on its own with code " + exited.exitValue() + "; the end of "
                + log + ":\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()).stream()
                    .map(line -> "  | " + line).collect(Collectors.joining("\n"));
        } catch (IOException | UncheckedIOException e) {
            return "  (log unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * Waits until the port accepts TCP connections. Throws {@link IllegalStateException} naming the
     * log when the program exits first or {@code timeout} passes.
     */
    public void awaitPort(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!acceptsTcp()) {
            Process running = current();
            if (running == null || !running.isAlive()) {
                throw new IllegalStateException(name + " exited" + (running == null ? "" : " with code " + running.exitValue())
                        + " before listening on port " + port + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not listen on port " + port + " within "
                        + timeout.toSeconds() + " s; see " + log);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        Process running = current();
        if (running == null || !running.isAlive()) {
            throw new IllegalStateException(name + " exited" + (running == null ? "" : " with code " + running.exitValue())
                    + " though something answers on its port " + port + "; see " + log);
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized Optional<ProcessHandle> handle() {
        return process == null ? Optional.empty() : Optional.of(process.toHandle());
    }

    /** How the last run ended (a signal as 128 + its number); empty while it runs or before it ever started. */
    public synchronized OptionalInt exitCode() {
        return process == null || process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** SIGKILL, as a crash or the OOM killer would end it, and waits until it is gone. */
    public void kill() {
        Process running = killNow();
        if (running != null) {
            waitFor(running, Duration.ofSeconds(10));
        }
    }

    /** SIGKILL without waiting; returns the process killed (null if it never started), for {@link #awaitGone}. */
    public Process killNow() {
        Process running = expectStop();
        if (running != null) {
            running.destroyForcibly();
        }
        return running;
    }

    /** Waits up to 10 s for a process {@link #killNow} killed to be gone. */
    public static void awaitGone(Process killed) {
        if (killed != null) {
            waitFor(killed, Duration.ofSeconds(10));
        }
    }

    /** Asks the program to stop (SIGTERM); without {@link #awaitStopped} this does not wait. */
    public void requestStop() {
        Process running = expectStop();
        if (running != null && running.isAlive()) {
            running.destroy();
        }
    }

    /** Waits up to {@code grace} after {@link #requestStop}, then kills. */
    public void awaitStopped(Duration grace) {
        Process running = current();
        if (running != null && !waitFor(running, grace)) {
            kill();
        }
    }

    private synchronized Process current() {
        return process;
    }

    private synchronized Process expectStop() {
        stopExpected = true;
        return process;
    }

    private boolean acceptsTcp() {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
            // Connecting to a port nobody listens on can, rarely, connect the socket to itself
            // (TCP simultaneous open, when the kernel picks that same port as the local one).
            return probe.getLocalPort() != port;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static boolean waitFor(Process running, Duration timeout) {
        try {
            return running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
