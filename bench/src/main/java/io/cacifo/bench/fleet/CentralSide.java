package io.cacifo.bench.fleet;

import io.cacifo.devstack.process.ChildProcess;
import io.cacifo.devstack.process.FreePort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The central store of one bench run, started on free 127.0.0.1 ports from Debian's binaries with
 * configs made from the production files ({@link FleetConfigs}), and the agent that pushes to it
 * on the remote-write paths. {@link #close()} stops everything it started (SIGTERM, then SIGKILL).
 */
public final class CentralSide implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** The rule evaluation interval the production file sets (prometheus-federate.yml's global), for vmalert. */
    private static final String EVALUATION_INTERVAL = "15s";

    private final Store store;
    /** The processes whose memory and CPU count as "the central side", by name. */
    private final Map<String, ChildProcess> central;
    private final ChildProcess agent;
    private final URI queryUrl;
    private final URI agentUrl;
    private final List<ChildProcess> all = new ArrayList<>();
    /** Sides not yet closed: a Ctrl-C stops them too (a JVM's exit does not stop its children). */
    private static final List<CentralSide> OPEN = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            List<CentralSide> open;
            synchronized (OPEN) {
                open = new ArrayList<>(OPEN);
            }
            open.forEach(CentralSide::close);
        }, "fleet-bench-stop"));
    }

    private CentralSide(Store store, Map<String, ChildProcess> central, ChildProcess agent, URI queryUrl, URI agentUrl) {
        this.store = store;
        this.central = central;
        this.agent = agent;
        this.queryUrl = queryUrl;
        this.agentUrl = agentUrl;
        all.addAll(central.values());
        if (agent != null) {
            all.add(agent);
        }
    }

    /**
     * Writes the configs into {@code dir} and starts the store (and agent) for {@code simulator}'s
     * fleet; waits until each listens. Throws {@link IllegalStateException} naming the log when one
     * does not start.
     */
    public static CentralSide start(Store store, FleetSimulator simulator, Path repo, Path dir) {
        String federate = read(repo.resolve("prometheus-federate.yml"));
        List<Path> rules = ruleFiles(repo);
        Path targets = write(dir.resolve("lockers.yml"), FleetConfigs.targets(simulator.address(), simulator.size()));
        Path logs = dir.resolve("logs");
        Map<String, ChildProcess> central = new LinkedHashMap<>();
        ChildProcess agent = null;
        URI queryUrl;
        switch (store) {
            case FEDERATION: {
                Path config = write(dir.resolve("central.yml"), FleetConfigs.federation(federate, targets, rules));
                ChildProcess prometheus = prometheus("central-prometheus", config, dir.resolve("central-data"), logs);
                central.put("prometheus", prometheus);
                queryUrl = url(prometheus);
                break;
            }
            case REMOTE_WRITE_PROMETHEUS: {
                Path config = write(dir.resolve("central.yml"), FleetConfigs.receiver(federate, rules));
                ChildProcess prometheus = prometheus("central-prometheus", config, dir.resolve("central-data"), logs,
                        "--web.enable-remote-write-receiver");
                central.put("prometheus", prometheus);
                queryUrl = url(prometheus);
                agent = agent(federate, targets, queryUrl.resolve("/api/v1/write"), dir, logs);
                break;
            }
            case REMOTE_WRITE_VICTORIA: {
                int port = FreePort.or(0);
                ChildProcess vm = new ChildProcess("victoria-metrics", List.of("victoria-metrics",
                        "-httpListenAddr=127.0.0.1:" + port,
                        "-storageDataPath=" + dir.resolve("vm-data"),
                        "-retentionPeriod=1d",
                        // Every repeat of a query is computed again, so the timings are the work, not a cache hit.
                        "-search.disableCache"), Map.of(), dir, logs.resolve("victoria-metrics.log"), port);
                queryUrl = url(vm);
                int alertPort = FreePort.or(0);
                List<String> vmalert = new ArrayList<>(List.of("vmalert",
                        "-httpListenAddr=127.0.0.1:" + alertPort,
                        "-datasource.url=" + queryUrl,
                        "-remoteWrite.url=" + queryUrl,
                        "-remoteRead.url=" + queryUrl,
                        "-notifier.url=http://" + simulator.address(),
                        "-evaluationInterval=" + EVALUATION_INTERVAL));
                rules.forEach(rule -> vmalert.add("-rule=" + rule));
                central.put("victoria-metrics", vm);
                central.put("vmalert", new ChildProcess("vmalert", vmalert, Map.of(), dir, logs.resolve("vmalert.log"),
                        alertPort));
                agent = agent(federate, targets, queryUrl.resolve("/api/v1/write"), dir, logs);
                break;
            }
            default:
                throw new IllegalArgumentException("unknown store " + store);
        }
        CentralSide side = new CentralSide(store, central, agent, queryUrl, agent == null ? null : url(agent));
        synchronized (OPEN) {
            OPEN.add(side);
        }
        try {
            for (ChildProcess process : side.all) {
                process.start();
                process.awaitPort(Duration.ofSeconds(60));
            }
        } catch (RuntimeException e) {
            side.close();
            throw e;
        }
        return side;
    }

    /** fleet-rules.yml always; alerts.yml too once it exists (the centre evaluates both). */
    static List<Path> ruleFiles(Path repo) {
        List<Path> rules = new ArrayList<>();
        rules.add(repo.resolve("prometheus/fleet-rules.yml").toAbsolutePath());
        Path alerts = repo.resolve("prometheus/alerts.yml");
        if (Files.isRegularFile(alerts)) {
            rules.add(alerts.toAbsolutePath());
        }
        return rules;
    }

    private static ChildProcess agent(String federate, Path targets, URI writeUrl, Path dir, Path logs) {
        Path config = write(dir.resolve("agent.yml"), FleetConfigs.agent(federate, targets, writeUrl.toString()));
        int port = FreePort.or(0);
        return new ChildProcess("agent", List.of("prometheus", "--enable-feature=agent",
                "--config.file=" + config,
                "--storage.agent.path=" + dir.resolve("agent-data"),
                "--web.listen-address=127.0.0.1:" + port), Map.of(), dir, logs.resolve("agent.log"), port);
    }

    private static ChildProcess prometheus(String name, Path config, Path data, Path logs, String... flags) {
        int port = FreePort.or(0);
        List<String> command = new ArrayList<>(List.of("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port));
        command.addAll(List.of(flags));
        return new ChildProcess(name, command, Map.of(), data.getParent(), logs.resolve(name + ".log"), port);
    }

    private static URI url(ChildProcess process) {
        return URI.create("http://127.0.0.1:" + process.port());
    }

    public Store store() {
        return store;
    }

    public URI queryUrl() {
        return queryUrl;
    }

    public Optional<URI> agentUrl() {
        return Optional.ofNullable(agentUrl);
    }

    /** vmalert's own address (its /metrics), on the VictoriaMetrics path only. */
    public Optional<URI> vmalertUrl() {
        return Optional.ofNullable(central.get("vmalert")).map(CentralSide::url);
    }

    /** The central processes' ids by name; throws {@link IllegalStateException} when one has exited. */
    public Map<String, Long> centralPids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        central.forEach((name, process) -> pids.put(name, process.handle()
                .filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new IllegalStateException(name + " is not running; see " + process.log()))
                .pid()));
        return pids;
    }

    /** Whether every process it started still runs. */
    public boolean alive() {
        return all.stream().allMatch(ChildProcess::isAlive);
    }

    @Override
    public void close() {
        synchronized (OPEN) {
            OPEN.remove(this);
        }
        all.forEach(ChildProcess::requestStop);
        all.forEach(process -> process.awaitStopped(STOP_GRACE));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
