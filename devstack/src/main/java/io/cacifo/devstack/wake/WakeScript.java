package io.cacifo.devstack.wake;

import io.cacifo.devstack.process.ChildProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * deploy/host/cacifo-wake, the Pi's own script, run as its units run it (cacifo-wake.service at boot,
 * cacifo-wake.timer every minute): it lists the gateway's functions and probes each one's health
 * through the gateway, whose scale-from-zero starts a stopped one. Its output goes to the devstack's
 * log, line by line.
 */
public final class WakeScript implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WakeScript.class.getName());

    private final Path script;
    private final URI gateway;
    private final Path basicAuthFile;
    private final Duration timeout;
    private final Path functionLogs;
    /** The run in progress, for {@link #close}; null between runs. */
    private Process running;
    private boolean closed;

    /**
     * @param basicAuthFile the gateway's basic-auth-password secret file (CACIFO_BASIC_AUTH_FILE)
     * @param timeout       CACIFO_WAKE_TIMEOUT, whole seconds
     * @param functionLogs  where the functions' logs are, named when the boot's run fails
     */
    public WakeScript(Path script, URI gateway, Path basicAuthFile, Duration timeout, Path functionLogs) {
        this.script = script;
        this.gateway = gateway;
        this.basicAuthFile = basicAuthFile;
        this.timeout = timeout;
        this.functionLogs = functionLogs;
    }

    /**
     * The boot's run: returns how long it took once the script exited 0. Throws
     * {@link IllegalStateException} with the script's last words and the functions' logs otherwise.
     */
    public Duration runAtBoot() {
        long started = System.nanoTime();
        List<String> output = new ArrayList<>();
        int status = run(output);
        if (status != 0) {
            throw new IllegalStateException(script.getFileName() + " exited with status " + status + " ("
                    + (output.isEmpty() ? "no output" : output.get(output.size() - 1)) + "); see the functions' logs in "
                    + functionLogs);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** One run, as the timer's: its exit status (-1 when it could not run or was stopped). */
    public int run() {
        return run(new ArrayList<>());
    }

    private int run(List<String> output) {
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        ChildProcess.keepInheritedOnly(env);
        env.put("CACIFO_GATEWAY", gateway.toString());
        env.put("CACIFO_BASIC_AUTH_FILE", basicAuthFile.toString());
        env.put("CACIFO_WAKE_TIMEOUT", Long.toString(Math.max(1, timeout.toSeconds())));
        Process process;
        synchronized (this) {
            if (closed) {
                return -1;
            }
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not run " + script + " with bash", e);
            }
            running = process;
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                LOG.info("[devstack] " + line);
            }
            // Its own deadline ends it; this is only against a script that hangs after its output.
            if (!process.waitFor(timeout.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1; // closed under it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        } finally {
            synchronized (this) {
                running = null;
            }
        }
    }

    /** Ends a run in progress; no run starts after. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        endRun();
    }

    /** Ends a run in progress (a power cut ends it with everything else); later runs go on. */
    public void endRun() {
        Process process;
        synchronized (this) {
            process = running;
        }
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
