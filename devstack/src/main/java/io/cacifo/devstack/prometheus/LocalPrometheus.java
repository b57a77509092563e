package io.cacifo.devstack.prometheus;

import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.process.ChildProcess;
import io.cacifo.devstack.process.FreePort;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.logging.Logger;

/**
 * The devstack's two Prometheus servers, both run from the {@code prometheus} binary on PATH:
 * a "locker" one scraping the gateway's /metrics as faasd's built-in Prometheus does, and a
 * "central" one federating it as {@code prometheus-federate.yml} federates every locker, its one
 * target labelled {@code locker=<LOCKER_ID>}. Configs and data live in {@code <state>/prometheus/}.
 *
 * <table>
 *   <caption>Environment variables (tests always take free ports)</caption>
 *   <tr><td>DEVSTACK_PROM_PORT</td><td>9090</td><td>the locker Prometheus, faasd's port</td></tr>
 *   <tr><td>DEVSTACK_CENTRAL_PROM_PORT</td><td>9091</td><td>the central Prometheus the dashboard reads</td></tr>
 *   <tr><td>DEVSTACK_PROMETHEUS</td><td>on</td><td>{@code off} starts neither</td></tr>
 *   <tr><td>LOCKER_ID</td><td>locker-001</td><td>the {@code locker} label, as the controller's locker_id</td></tr>
 * </table>
 */
public final class LocalPrometheus implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalPrometheus.class.getName());
    /** Short, so a test sees its calls in the central Prometheus within seconds; faasd scrapes every 15 s. */
    public static final String SCRAPE_INTERVAL = "2s";
    public static final String DEFAULT_LOCKER_ID = "locker-001";
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final ChildProcess locker;
    private final ChildProcess central;

    private LocalPrometheus(ChildProcess locker, ChildProcess central) {
        this.locker = locker;
        this.central = central;
    }

    /**
     * Writes both configs and picks both ports, starting nothing yet. Empty, with the reason
     * logged, when there is no {@code prometheus} on PATH or DEVSTACK_PROMETHEUS is {@code off}.
     * A configured port already in use (say a system Prometheus on 9090) is replaced by a free
     * one with a warning. Throws {@link UncheckedIOException} when the state folder cannot be written.
     */
    public static Optional<LocalPrometheus> prepare(DevStackSettings settings, URI gatewayUrl, Path logsDir) {
        return prepare(settings, gatewayUrl, logsDir, Optional.empty());
    }

    /**
     * As {@link #prepare(DevStackSettings, URI, Path)}, the central one also evaluating the repository's
     * rule files ({@link PrometheusConfigs#RULE_FILES}) and sending its alerts to {@code alertmanager}
     * ({@code host:port}; empty: nowhere).
     */
    public static Optional<LocalPrometheus> prepare(DevStackSettings settings, URI gatewayUrl, Path logsDir,
                                                    Optional<String> alertmanager) {
        Map<String, String> env = settings.environment();
        if ("off".equalsIgnoreCase(env.getOrDefault("DEVSTACK_PROMETHEUS", "").trim())) {
            LOG.info("[devstack] DEVSTACK_PROMETHEUS=off: no Prometheus");
            return Optional.empty();
        }
        Optional<Path> binary = onPath("prometheus", env.getOrDefault("PATH", ""));
        if (binary.isEmpty()) {
            LOG.info("[devstack] no prometheus on PATH, so no locker or central Prometheus"
                    + " (Debian: apt-get install --no-install-recommends prometheus)");
            return Optional.empty();
        }
        boolean freePorts = settings.temporaryState();
        int lockerPort = port(env, "DEVSTACK_PROM_PORT", 9090, freePorts);
        int centralPort = port(env, "DEVSTACK_CENTRAL_PROM_PORT", 9091, freePorts);
        String lockerId = env.getOrDefault("LOCKER_ID", "").isBlank() ? DEFAULT_LOCKER_ID : env.get("LOCKER_ID").trim();
        Path root = settings.stateDir().resolve("prometheus");
        Path repo = settings.repoRoot();
        String lockerAddress = "127.0.0.1:" + lockerPort;
        Path lockerDir = root.resolve("locker");
        Path centralDir = root.resolve("central");
        Path targets = centralDir.resolve("lockers.yml");
        // The devstack's gateway serves both faasd ports on one: its metrics (faasd's :8082) and the
        // functions (faasd's :8080, where the functions job scrapes /function/<name>/metrics).
        String gatewayAddress = gatewayUrl.getHost() + ":" + gatewayUrl.getPort();
        write(lockerDir.resolve("prometheus.yml"), PrometheusConfigs.locker(read(repo.resolve("prometheus/locker.yml")),
                SCRAPE_INTERVAL, Map.of("localhost:9090", lockerAddress, "gateway:8082", gatewayAddress,
                        "gateway:8080", gatewayAddress)));
        write(targets, PrometheusConfigs.targets(lockerAddress, lockerId));
        write(centralDir.resolve("prometheus.yml"),
                PrometheusConfigs.central(read(repo.resolve("prometheus-federate.yml")), SCRAPE_INTERVAL, targets,
                        PrometheusConfigs.RULE_FILES.stream().map(repo::resolve).collect(Collectors.toList()), alertmanager));
        return Optional.of(new LocalPrometheus(process("prometheus-locker", binary.get(), lockerDir, lockerPort, logsDir),
                process("prometheus-central", binary.get(), centralDir, centralPort, logsDir)));
    }

    private static ChildProcess process(String name, Path binary, Path dir, int port, Path logsDir) {
        List<String> command = List.of(binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                // The demo keeps its state folder; a day of history is what the dashboard can show.
                "--storage.tsdb.retention.time=2d",
                "--web.listen-address=127.0.0.1:" + port);
        return new ChildProcess(name, command, Map.of(), dir, logsDir.resolve(name + ".log"), port);
    }

    /** Starts both; does not wait for them. */
    public void start() {
        locker.start();
        central.start();
    }

    /** Waits until both listen; throws {@link IllegalStateException} naming the log when one exits or is too slow. */
    public void awaitReady(Duration timeout) {
        locker.awaitPort(timeout);
        central.awaitPort(timeout);
    }

    /**
     * As {@link #awaitReady}, but a Prometheus that does not come up is logged, stopped and reported
     * as false: metrics are not worth losing the demo over.
     */
    public boolean awaitReadyOrStop(Duration timeout) {
        try {
            awaitReady(timeout);
        } catch (IllegalStateException e) {
            LOG.warning("[devstack] WARNING: Prometheus did not start, so there are no metrics: " + e.getMessage());
            close();
            return false;
        }
        LOG.info("[devstack] Prometheus up: locker " + lockerUrl() + ", central " + centralUrl());
        return true;
    }

    /** The locker's Prometheus, as faasd's :9090 on the Pi. */
    public URI lockerUrl() {
        return URI.create("http://127.0.0.1:" + locker.port());
    }

    /** The central Prometheus that federates the locker one; the dashboard reads it. */
    public URI centralUrl() {
        return URI.create("http://127.0.0.1:" + central.port());
    }

    /** SIGTERM to both (Prometheus then flushes its head block), SIGKILL after 5 s. */
    @Override
    public void close() {
        central.requestStop();
        locker.requestStop();
        central.awaitStopped(STOP_GRACE);
        locker.awaitStopped(STOP_GRACE);
    }

    static Optional<Path> onPath(String program, String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    static int port(Map<String, String> env, String key, int fallback, boolean free) {
        if (free) {
            return FreePort.or(0);
        }
        String raw = env.getOrDefault(key, "").trim();
        int port;
        try {
            port = raw.isEmpty() ? fallback : Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a port number, got '" + raw + "'", e);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(key + " must be a port number, got '" + raw + "'");
        }
        if (port != 0 && !bindable(port)) {
            int other = FreePort.or(0);
            LOG.warning("[devstack] port " + port + " is in use (a system Prometheus?), so this one takes " + other
                    + "; set " + key + " to choose");
            return other;
        }
        return FreePort.or(port);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
