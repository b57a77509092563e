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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.logging.Logger;

/**
 * The devstack's two Prometheus servers, both run from the {@code prometheus} binary on PATH:
 * a "locker" one scraping the gateway's /metrics and each function's (through the faasd-provider
 * stand-in) as faasd's built-in Prometheus does, and a
 * "central" one federating it as {@code prometheus-federate.yml} federates every locker, its one
 * target labelled {@code locker=<LOCKER_ID>}. Configs and data live in {@code <state>/prometheus/}.
 *
 * <p>DEVSTACK_CENTRAL ({@link CentralMode}) picks the push path instead: the locker Prometheus
 * remote_writes ({@code prometheus/locker-remote-write.yml}, external label {@code locker}) to a
 * central Prometheus started with {@code --web.enable-remote-write-receiver}
 * ({@code prometheus/central-remote-write.yml}), or to Debian's {@code victoria-metrics} with
 * {@code vmalert} evaluating the rule files (alerts.yml only with an Alertmanager). The locker one stays a full
 * Prometheus in every mode, as on the Pi, where faasd's gateway queries it. The central address
 * is DEVSTACK_CENTRAL_PROM_PORT whatever the mode.
 *
 * <table>
 *   <caption>Environment variables (tests always take free ports)</caption>
 *   <tr><td>DEVSTACK_PROM_PORT</td><td>9090</td><td>the locker Prometheus, faasd's port</td></tr>
 *   <tr><td>DEVSTACK_CENTRAL_PROM_PORT</td><td>9091</td><td>the central Prometheus the dashboard reads</td></tr>
 *   <tr><td>DEVSTACK_PROMETHEUS</td><td>on</td><td>{@code off} starts neither</td></tr>
 *   <tr><td>LOCKER_ID</td><td>locker-001</td><td>the {@code locker} label, as the controller's locker_id</td></tr>
 *   <tr><td>DEVSTACK_CENTRAL</td><td>federate</td><td>{@code remote-write} or {@code victoria-metrics}: the push path</td></tr>
 * </table>
 */
public final class LocalPrometheus implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalPrometheus.class.getName());
    /** Short, so a test sees its calls in the central Prometheus within seconds; faasd scrapes every 15 s. */
    public static final String SCRAPE_INTERVAL = "2s";
    public static final String DEFAULT_LOCKER_ID = "locker-001";
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** The demo keeps its state folder; two days of history is what the dashboard can show. */
    private static final String RETENTION = "2d";

    /** The repository's alerting rules; the other rule files hold recording rules, which the central store evaluates in every mode (never the locker). */
    static final String ALERTS = "prometheus/alerts.yml";

    private final CentralMode mode;
    private final ChildProcess locker;
    private final ChildProcess central;
    /** vmalert beside VictoriaMetrics; empty in the other modes, where the central Prometheus evaluates the rules. */
    private final Optional<ChildProcess> ruler;
    private boolean closed;

    private LocalPrometheus(CentralMode mode, ChildProcess locker, ChildProcess central, Optional<ChildProcess> ruler) {
        this.mode = mode;
        this.locker = locker;
        this.central = central;
        this.ruler = ruler;
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
     * As {@link #prepare(DevStackSettings, URI, Path)}, the central one (or vmalert beside VictoriaMetrics)
     * also evaluating the repository's rule files ({@link PrometheusConfigs#RULE_FILES}) and sending its
     * alerts to {@code alertmanager} ({@code host:port}; empty: nowhere).
     */
    public static Optional<LocalPrometheus> prepare(DevStackSettings settings, URI gatewayUrl, Path logsDir,
                                                    Optional<String> alertmanager) {
        return prepare(settings, gatewayUrl, Optional.empty(), logsDir, alertmanager);
    }

    /**
     * As {@link #prepare(DevStackSettings, URI, Path, Optional)}, with faasd-provider's address
     * ({@code faasd-provider:8081}: the provider job and the functions job, whose scrapes go through
     * its function proxy) at {@code providerUrl}, the devstack's stand-in. Without one, both jobs are
     * left out.
     */
    public static Optional<LocalPrometheus> prepare(DevStackSettings settings, URI gatewayUrl, Optional<URI> providerUrl,
                                                    Path logsDir, Optional<String> alertmanager) {
        Map<String, String> env = settings.environment();
        if ("off".equalsIgnoreCase(env.getOrDefault("DEVSTACK_PROMETHEUS", "").trim())) {
            LOG.info("[devstack] DEVSTACK_PROMETHEUS=off: no Prometheus");
            return Optional.empty();
        }
        CentralMode mode = CentralMode.from(env);
        Optional<Path> binary = onPath("prometheus", env.getOrDefault("PATH", ""));
        if (binary.isEmpty()) {
            LOG.info("[devstack] no prometheus on PATH, so no locker or central Prometheus"
                    + " (Debian: apt-get install --no-install-recommends prometheus)");
            return Optional.empty();
        }
        Optional<Path> victoriaMetrics = onPath("victoria-metrics", env.getOrDefault("PATH", ""));
        Optional<Path> vmalert = onPath("vmalert", env.getOrDefault("PATH", ""));
        if (mode == CentralMode.VICTORIA_METRICS && (victoriaMetrics.isEmpty() || vmalert.isEmpty())) {
            LOG.warning("[devstack] " + CentralMode.VARIABLE + "=" + mode.value() + " but victoria-metrics or vmalert is not on"
                    + " PATH, so no locker or central Prometheus (Debian: apt-get install victoria-metrics)");
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
        // functions (faasd's :8080). The provider stand-in is faasd-provider's :8081, where the
        // functions job scrapes /function/<name>/metrics.
        String gatewayAddress = gatewayUrl.getHost() + ":" + gatewayUrl.getPort();
        Map<String, String> localTargets = new HashMap<>(Map.of("localhost:9090", lockerAddress, "gateway:8082", gatewayAddress,
                "gateway:8080", gatewayAddress));
        providerUrl.ifPresent(url -> localTargets.put("faasd-provider:8081", url.getHost() + ":" + url.getPort()));
        ChildProcess lockerProcess = process("prometheus-locker", binary.get(), lockerDir, lockerPort, logsDir, List.of());
        if (mode.pushes()) {
            // The same path on a central Prometheus's receiver and on VictoriaMetrics.
            URI write = URI.create("http://127.0.0.1:" + centralPort + "/api/v1/write");
            write(lockerDir.resolve("prometheus.yml"), PrometheusConfigs.lockerPushing(
                    read(repo.resolve("prometheus/locker-remote-write.yml")), SCRAPE_INTERVAL, localTargets, write, lockerId));
        } else {
            write(lockerDir.resolve("prometheus.yml"), PrometheusConfigs.locker(read(repo.resolve("prometheus/locker.yml")),
                    SCRAPE_INTERVAL, localTargets));
        }
        List<Path> ruleFiles = PrometheusConfigs.RULE_FILES.stream().map(repo::resolve).collect(Collectors.toList());
        switch (mode) {
            case REMOTE_WRITE:
                write(centralDir.resolve("prometheus.yml"), PrometheusConfigs.centralReceiving(
                        read(repo.resolve("prometheus/central-remote-write.yml")), SCRAPE_INTERVAL, ruleFiles, alertmanager));
                return Optional.of(new LocalPrometheus(mode, lockerProcess, process("prometheus-central", binary.get(),
                        centralDir, centralPort, logsDir, List.of("--web.enable-remote-write-receiver")), Optional.empty()));
            case VICTORIA_METRICS:
                // Not central/data: a demo's kept state folder may hold a Prometheus TSDB there from another mode.
                Path vmDir = root.resolve("victoria-metrics");
                makeDirectory(vmDir);
                URI store = URI.create("http://127.0.0.1:" + centralPort);
                return Optional.of(new LocalPrometheus(mode, lockerProcess,
                        victoriaMetrics("victoria-metrics", victoriaMetrics.get(), vmDir, centralPort, logsDir),
                        Optional.of(vmalert("vmalert", vmalert.get(), vmDir, store, vmalertRules(repo, alertmanager.isPresent()),
                                alertmanager, FreePort.or(0), logsDir))));
            default:
                write(targets, PrometheusConfigs.targets(lockerAddress, lockerId));
                write(centralDir.resolve("prometheus.yml"), PrometheusConfigs.central(read(repo.resolve("prometheus-federate.yml")),
                        SCRAPE_INTERVAL, targets, ruleFiles, alertmanager));
                return Optional.of(new LocalPrometheus(mode, lockerProcess,
                        process("prometheus-central", binary.get(), centralDir, centralPort, logsDir, List.of()), Optional.empty()));
        }
    }

    /**
     * The rule files vmalert evaluates: all of {@link PrometheusConfigs#RULE_FILES} when it has an
     * Alertmanager to notify, else the recording rules only (vmalert refuses alerting rules without one).
     */
    static List<Path> vmalertRules(Path repo, boolean alerting) {
        return PrometheusConfigs.RULE_FILES.stream().filter(file -> alerting || !file.equals(ALERTS))
                .map(repo::resolve).collect(Collectors.toList());
    }

    private static ChildProcess process(String name, Path binary, Path dir, int port, Path logsDir, List<String> extraFlags) {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--storage.tsdb.retention.time=" + RETENTION,
                "--web.listen-address=127.0.0.1:" + port));
        command.addAll(extraFlags);
        return new ChildProcess(name, command, Map.of(), dir, logsDir.resolve(name + ".log"), port);
    }

    /** Debian's victoria-metrics as the central store: remote writes and PromQL (MetricsQL) queries on one port. */
    static ChildProcess victoriaMetrics(String name, Path binary, Path dir, int port, Path logsDir) {
        List<String> command = List.of(binary.toString(),
                "-httpListenAddr=127.0.0.1:" + port,
                "-storageDataPath=" + dir.resolve("data"),
                "-retentionPeriod=" + RETENTION,
                // VictoriaMetrics hides the newest 30 s from queries by default (samples still arriving);
                // here a test looks one scrape interval after the call.
                "-search.latencyOffset=" + SCRAPE_INTERVAL);
        return new ChildProcess(name, command, Map.of(), dir, logsDir.resolve(name + ".log"), port);
    }

    /**
     * vmalert evaluating {@code rules} against {@code store}, writing the results back into it and
     * sending alerts to {@code alertmanager} ({@code host:port}) when one runs.
     */
    static ChildProcess vmalert(String name, Path binary, Path dir, URI store, List<Path> rules, Optional<String> alertmanager,
                                int port, Path logsDir) {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        rules.forEach(rule -> command.add("-rule=" + rule));
        command.addAll(List.of(
                "-datasource.url=" + store,
                "-remoteWrite.url=" + store,
                "-remoteRead.url=" + store,
                "-evaluationInterval=" + SCRAPE_INTERVAL,
                "-remoteWrite.flushInterval=" + SCRAPE_INTERVAL,
                "-httpListenAddr=127.0.0.1:" + port));
        alertmanager.ifPresent(address -> command.add("-notifier.url=http://" + address));
        return new ChildProcess(name, command, Map.of(), dir, logsDir.resolve(name + ".log"), port);
    }

    /** Starts both; does not wait for them. vmalert, in victoria-metrics mode, starts in {@link #awaitReady}. */
    public void start() {
        central.start();
        locker.start();
    }

    /**
     * Waits until both listen, then starts vmalert (victoria-metrics mode) and waits for it too: vmalert
     * restores its alerts' state from VictoriaMetrics when it starts, which fails if the store is not up yet.
     * Throws {@link IllegalStateException} naming the log when one exits or is too slow.
     */
    public void awaitReady(Duration timeout) {
        locker.awaitPort(timeout);
        central.awaitPort(timeout);
        ruler.ifPresent(process -> {
            synchronized (this) {
                // A close() during the start (Ctrl-C) must not leave a vmalert it never saw started.
                if (closed) {
                    throw new IllegalStateException("the Prometheus servers are stopping");
                }
                process.start();
            }
            process.awaitPort(timeout);
        });
    }

    /** Stops the central store only (SIGTERM, SIGKILL after 5 s), as a central outage; {@link #startCentral} brings it back. */
    void stopCentral() {
        central.requestStop();
        central.awaitStopped(STOP_GRACE);
    }

    /** Starts the central store again on its port and data after {@link #stopCentral}, and waits until it listens. */
    void startCentral(Duration timeout) {
        central.start();
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
        LOG.info("[devstack] Prometheus up: locker " + lockerUrl() + ", central " + centralUrl() + " (" + mode.description() + ")");
        return true;
    }

    /** The locker's Prometheus, as faasd's :9090 on the Pi. */
    public URI lockerUrl() {
        return URI.create("http://127.0.0.1:" + locker.port());
    }

    /** The central store (the Prometheus that federates or receives, or VictoriaMetrics); the dashboard reads it. */
    public URI centralUrl() {
        return URI.create("http://127.0.0.1:" + central.port());
    }

    /** How the locker Prometheus reaches the central store (DEVSTACK_CENTRAL). */
    public CentralMode mode() {
        return mode;
    }

    /** vmalert's own page (its rules and their last evaluation), in victoria-metrics mode only. */
    public Optional<URI> rulerUrl() {
        return ruler.map(process -> URI.create("http://127.0.0.1:" + process.port()));
    }

    /**
     * SIGTERM to each (Prometheus then flushes its head block), SIGKILL after 5 s. The locker one
     * first: in the push modes it sends what it still holds while the central store is up.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        ruler.ifPresent(ChildProcess::requestStop);
        locker.requestStop();
        locker.awaitStopped(STOP_GRACE);
        central.requestStop();
        central.awaitStopped(STOP_GRACE);
        ruler.ifPresent(process -> process.awaitStopped(STOP_GRACE));
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

    private static void makeDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not make " + dir, e);
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
