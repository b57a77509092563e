package io.cacifo.devstack.prometheus;

import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.process.ChildProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The devstack's Alertmanager: Debian's {@code prometheus-alertmanager} (0.25; Debian names the
 * binary so, not {@code alertmanager}) as a child process, on one node (no clustering), its config
 * made from {@code prometheus/alertmanager.yml} by {@link AlertmanagerConfigs} with the webhook
 * pointed at the back-end stand-in, config and silences in {@code <state>/alertmanager/}. The
 * central Prometheus sends it the alerts of {@code prometheus/alerts.yml}.
 *
 * <table>
 *   <caption>Environment variables (tests always take a free port)</caption>
 *   <tr><td>DEVSTACK_ALERTMANAGER_PORT</td><td>9093</td><td>its API and web page; a port in use is replaced by a free one</td></tr>
 *   <tr><td>DEVSTACK_PROMETHEUS</td><td>on</td><td>{@code off} starts no Prometheus, and so no Alertmanager</td></tr>
 * </table>
 */
public final class LocalAlertmanager implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalAlertmanager.class.getName());
    static final String BINARY = "prometheus-alertmanager";
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final ChildProcess process;

    private LocalAlertmanager(ChildProcess process) {
        this.process = process;
    }

    /**
     * Writes the config and picks the port, starting nothing yet. Empty, with the reason logged,
     * when there is no {@code prometheus-alertmanager} on PATH or DEVSTACK_PROMETHEUS is {@code off}
     * (no Prometheus sends it anything). Throws {@link UncheckedIOException} when the state folder
     * or the production file cannot be read or written.
     */
    public static Optional<LocalAlertmanager> prepare(DevStackSettings settings, URI webhook, Path logsDir) {
        Map<String, String> env = settings.environment();
        if ("off".equalsIgnoreCase(env.getOrDefault("DEVSTACK_PROMETHEUS", "").trim())) {
            return Optional.empty();
        }
        Optional<Path> binary = LocalPrometheus.onPath(BINARY, env.getOrDefault("PATH", ""));
        if (binary.isEmpty()) {
            LOG.info("[devstack] no " + BINARY + " on PATH, so no Alertmanager: alerts are evaluated but sent nowhere"
                    + " (Debian: apt-get install --no-install-recommends prometheus-alertmanager)");
            return Optional.empty();
        }
        int port = LocalPrometheus.port(env, "DEVSTACK_ALERTMANAGER_PORT", 9093, settings.temporaryState());
        Path dir = settings.stateDir().resolve("alertmanager");
        Path config = dir.resolve("alertmanager.yml");
        try {
            String production = Files.readString(settings.repoRoot().resolve("prometheus/alertmanager.yml"), StandardCharsets.UTF_8);
            Files.createDirectories(dir);
            Files.writeString(config, AlertmanagerConfigs.devstack(production, webhook), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + config, e);
        }
        return Optional.of(new LocalAlertmanager(new ChildProcess("alertmanager", command(binary.get(), dir, port), Map.of(), dir,
                logsDir.resolve("alertmanager.log"), port)));
    }

    static List<String> command(Path binary, Path dir, int port) {
        return List.of(binary.toString(),
                "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                // One node: empty turns the gossip cluster off (it would listen on 0.0.0.0:9094).
                "--cluster.listen-address=");
    }

    /** Starts it; does not wait. */
    public void start() {
        process.start();
    }

    /**
     * Waits until it listens; one that does not come up is logged, stopped and reported as false
     * (alerts are not worth losing the demo over).
     */
    public boolean awaitReadyOrStop(Duration timeout) {
        try {
            process.awaitPort(timeout);
        } catch (IllegalStateException e) {
            LOG.warning("[devstack] WARNING: Alertmanager did not start, so alerts go nowhere: " + e.getMessage());
            close();
            return false;
        }
        LOG.info("[devstack] Alertmanager up on " + url());
        return true;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + process.port());
    }

    /** {@code 127.0.0.1:<port>}, as Prometheus' alerting section names it. */
    public String address() {
        return "127.0.0.1:" + process.port();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM (it saves its silences), SIGKILL after 5 s. */
    @Override
    public void close() {
        process.requestStop();
        process.awaitStopped(STOP_GRACE);
    }
}
