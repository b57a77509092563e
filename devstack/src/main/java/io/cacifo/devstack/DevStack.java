package io.cacifo.devstack;

import io.cacifo.devstack.backend.BackendStandIn;
import io.cacifo.devstack.db.DevDatabase;
import io.cacifo.devstack.db.MariaDbSupervisor;
import io.cacifo.devstack.demo.DemoData;
import io.cacifo.devstack.demo.DemoParcel;
import io.cacifo.devstack.demo.DemoScene;
import io.cacifo.devstack.demo.DemoScenes;
import io.cacifo.devstack.demo.DoorLayout;
import io.cacifo.devstack.gateway.FunctionDirectory;
import io.cacifo.devstack.gateway.FunctionEndpoint;
import io.cacifo.devstack.gateway.ProviderServer;
import io.cacifo.devstack.gateway.RestartableGateway;
import io.cacifo.devstack.process.FreePort;
import io.cacifo.devstack.process.FunctionEnvironment;
import io.cacifo.devstack.process.FunctionLauncher;
import io.cacifo.devstack.process.FunctionMode;
import io.cacifo.devstack.process.MonolithLauncher;
import io.cacifo.devstack.process.KitArchive;
import io.cacifo.devstack.process.RunningFunctions;
import io.cacifo.devstack.process.SimulatedBoard;
import io.cacifo.devstack.process.SimulatorLauncher;
import io.cacifo.devstack.prometheus.CentralMode;
import io.cacifo.devstack.prometheus.LocalAlertmanager;
import io.cacifo.devstack.prometheus.LocalPrometheus;
import io.cacifo.devstack.secrets.SecretStore;
import io.cacifo.devstack.stack.FunctionSpec;
import io.cacifo.devstack.wake.WakeScript;
import io.cacifo.backend.LockerClient;
import io.cacifo.kit.config.Config;
import io.cacifo.kit.config.KitSettings;
import io.cacifo.kit.config.Secrets;
import io.cacifo.kit.http.GatewayClient;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.PemKeys;
import io.cacifo.kit.security.RequestSigner;
import io.cacifo.kit.security.RotatingKeys;
import io.cacifo.kit.testing.LocalMariaDb;
import io.cacifo.kit.testing.StackYaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * faasd on one machine without containers: MariaDB, the locker's secrets, a stand-in back-end,
 * the door simulator, every built function of stack.yaml as its own JVM, and a gateway with the
 * OpenFaaS routes and metrics in front of them, filled with demo data. The demo's {@link Main} and
 * the end-to-end tests start it the same way; {@link #close()} (or the JVM's shutdown) stops
 * every process and server it started.
 *
 * <p>By default ({@link FunctionMode#FAASD}) it behaves as the locker's Pi does: functions start on
 * their first call, nothing but a call restarts one, MariaDB is restarted as its systemd unit
 * restarts it, and deploy/host/cacifo-wake wakes every function at boot and then every wake interval.
 */
public final class DevStack implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DevStack.class.getName());

    private final DevStackSettings settings;
    private final DoorLayout layout = DoorLayout.standard();
    private final FunctionDirectory directory = new FunctionDirectory();
    private final Thread shutdownHook;
    private boolean closed;
    private SecretStore secrets;
    private LocalMariaDb mariaDb;
    private BackendStandIn backend;
    private RestartableGateway gateway;
    /** faasd-provider's function proxy, which the locker's Prometheus scrapes the functions through. */
    private ProviderServer provider;
    private GatewayClient gatewayClient;
    private LockerClient lockerClient;
    private URI simulatorUrl;
    private SimulatedBoard board;
    private LocalPrometheus prometheus;
    private LocalAlertmanager alertmanager;
    private RunningFunctions functions;
    /** Faasd mode only; null in eager mode. */
    private LockerPower power;
    private List<DemoParcel> demoParcels = List.of();
    private List<DemoScene> demoScenes = List.of();

    private DevStack(DevStackSettings settings) {
        this.settings = settings;
        this.shutdownHook = new Thread(this::close, "devstack-shutdown");
    }

    /**
     * Starts everything and returns once the gateway serves every built function (in faasd mode: once
     * deploy/host/cacifo-wake exited 0) and the demo data is in. Failure behaviour: whatever had started is stopped again and the exception (naming
     * the log to read) is thrown.
     */
    public static DevStack start(DevStackSettings settings) {
        DevStack stack = new DevStack(settings);
        // Registered first, so Ctrl-C during the start stops what has started so far.
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.boot();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void boot() {
        Path state = settings.stateDir();
        List<FunctionSpec> specs = FunctionSpec.listIn(StackYaml.read(settings.repoRoot().resolve("stack.yaml"),
                settings.environment()));
        try {
            Files.createDirectories(logsDir());
        } catch (IOException e) {
            throw new UncheckedIOException("could not make " + logsDir(), e);
        }
        secrets = SecretStore.open(state.resolve("secrets"));
        LOG.info("[devstack] starting MariaDB (data in " + state.resolve("mariadb") + ")");
        // The functions run as 'cacifo' with rows-only rights (db/grants.sql); the administrator account stays here.
        LocalMariaDb db = DevDatabase.start(state.resolve("mariadb"), settings.dbPort(), secrets.read("db-admin-password"),
                secrets.read("db-password"), settings.repoRoot().resolve("db").resolve("schema.sql"),
                settings.repoRoot().resolve("db").resolve("grants.sql"));
        simulatorUrl = URI.create("http://127.0.0.1:" + FreePort.or(settings.simulatorPort()));
        boolean faasd = settings.functionMode() == FunctionMode.FAASD;
        Optional<KitArchive> kitArchive = kitArchive(specs);
        synchronized (this) {
            mariaDb = db;
            requireOpen();
            backend = BackendStandIn.start(settings.backendPort(), secrets.read("backend-hmac-key"));
            // Bound before the simulator and the functions start, because they are told its address.
            gateway = RestartableGateway.start(settings.gatewayPort(), directory, () -> secrets.read("basic-auth-password"),
                    secrets.gatewayFolder());
            // A service of its own in faasd: stopping the gateway (FaultSwitches) leaves it running.
            provider = ProviderServer.start(0, directory);
            FunctionEnvironment environment = new FunctionEnvironment(gateway.url().toString(), "127.0.0.1", mariaDb.port(),
                    simulatorUrl.toString(), backend.url().toString(), settings.functionSettings());
            FunctionLauncher launcher = new FunctionLauncher(settings.repoRoot(), logsDir(), settings.functionJava(),
                    settings.jvmFlags(), environment, kitArchive);
            // The monolith's class path is not the functions': the kit's archive does not fit it.
            functions = new RunningFunctions(launcher, new MonolithLauncher(settings.repoRoot(), logsDir(),
                    state.resolve("monolith.properties"), KitArchive.withoutFlag(settings.jvmFlags()), launcher, environment),
                    settings.functionStartTimeout(), settings.functionMode());
        }
        // Signs as the locker's functions do, with the internal key in use now (a rotation replaces it).
        // At the functions' default pace (the kit's secrets_reload_ms: the devstack sets none).
        RotatingKeys<HmacKey> internalKeys = RotatingKeys.hmacKey(new Secrets(secrets.allDir()), "internal-hmac-key",
                Clock.systemUTC(), Config.of(Map.of()).millis(KitSettings.SECRETS_RELOAD, 1));
        gatewayClient = new GatewayClient(gateway.url(), new RequestSigner(internalKeys, Clock.systemUTC()), Duration.ofSeconds(60));
        lockerClient = new LockerClient(gateway.url(), PemKeys.ecKeyPair(secrets.read(SecretStore.BACKEND_PRIVATE_KEY)),
                PemKeys.rsaPublicKey(secrets.read(SecretStore.LOCKER_PUBLIC_KEY)), Clock.systemUTC(), Duration.ofSeconds(60));
        startSimulator();
        startAlertmanager();
        startPrometheus();
        boolean monolith = settings.functionMode() == FunctionMode.MONOLITH;
        functions.deployAll(specs, spec -> secrets.grant(spec.name(), spec.secrets()), (spec, process, task) -> {
            // The monolith serves every function at its gateway path, so the gateway forwards that path.
            directory.register(new FunctionEndpoint(spec.name(), spec.image(), process.port(), execTimeout(spec),
                    spec.annotations(), task, monolith ? "/function/" + spec.name() : ""));
            LOG.info("[devstack] " + spec.name() + (faasd ? " deployed on port " + process.port() + ", started by its first call"
                    : " up on port " + process.port()) + " (log: " + process.log() + ")");
        });
        if (faasd) {
            LockerPower started;
            synchronized (this) {
                requireOpen();
                power = new LockerPower(functions, board, gateway, mariaDb, MariaDbSupervisor.start(mariaDb),
                        new WakeScript(settings.repoRoot().resolve("deploy/host/cacifo-wake"), gateway.url(),
                                secrets.path("basic-auth-password"), settings.functionStartTimeout(), logsDir()),
                        settings.wakeInterval());
                started = power;
            }
            started.wakeAtBoot();
        }
        LOG.info("[devstack] loading the demo data");
        demoParcels = List.copyOf(new DemoData(lockerClient, Set.copyOf(functions.deployed())).load(layout));
        if (settings.demoScenes() && !demoParcels.isEmpty()) {
            LOG.info("[devstack] setting up the demo's scenes (an expired parcel, a jammed door)");
            demoScenes = List.copyOf(new DemoScenes(lockerClient, Clock.systemUTC()).load());
        }
    }

    /**
     * The kit's class archive when the JVM flags ask for it ({@link KitArchive#FLAG}), from the built
     * functions' jars; none for the monolith, whose one JVM has another class path, nor for functions on
     * another java (DEVSTACK_FUNCTION_JAVA), which cannot map an archive the devstack's java dumped.
     */
    private Optional<KitArchive> kitArchive(List<FunctionSpec> specs) {
        if (!KitArchive.requested(settings.jvmFlags()) || settings.functionMode() == FunctionMode.MONOLITH
                || !settings.functionJava().isEmpty()) {
            return Optional.empty();
        }
        FunctionLauncher folders = new FunctionLauncher(settings.repoRoot(), logsDir(), List.of(), null);
        List<Path> libs = specs.stream().filter(folders::isBuilt).map(folders::libDir).collect(Collectors.toList());
        long started = System.nanoTime();
        KitArchive archive = KitArchive.build(libs, settings.stateDir().resolve("kit-archive"), settings.jvmFlags());
        LOG.info("[devstack] kit class archive " + archive + " built in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return Optional.of(archive);
    }

    /**
     * What the gateway waits for the function: stack.yaml's exec_timeout, or the settings' override of
     * it ({@link DevStackSettings#withFunctionSettings}), which the function's own environment then has too.
     */
    private Duration execTimeout(FunctionSpec spec) {
        String override = settings.functionSettings().get("exec_timeout");
        return override != null && spec.environment().containsKey("exec_timeout") ? StackYaml.goDuration(override)
                : spec.execTimeout();
    }

    private void startSimulator() {
        // lock-board-key: the board checks door-io's signature with it; internal-hmac-key: the page's door states.
        Optional<SimulatedBoard> prepared = SimulatedBoard.prepare(new SimulatorLauncher(settings.repoRoot(), logsDir(),
                settings.jvmFlags()), simulatorUrl.getPort(), layout.simDoors(), settings.autoCloseMs(),
                settings.demoScenes() ? DemoScenes.jammedDoors() : "", gateway.url().toString(),
                () -> secrets.grant("door-simulator", List.of("internal-hmac-key", "lock-board-key")),
                settings.functionStartTimeout());
        if (prepared.isPresent()) {
            synchronized (this) {
                requireOpen();
                board = prepared.get();
            }
            board.powerOn();
            LOG.info("[devstack] door simulator up on " + simulatorUrl);
        }
    }

    /**
     * Alertmanager ({@link LocalAlertmanager}), before Prometheus, which is told its address; its
     * webhook goes to the back-end stand-in's /alerts.
     */
    private void startAlertmanager() {
        Optional<LocalAlertmanager> prepared = LocalAlertmanager.prepare(settings, backend.url().resolve("/alerts"), logsDir());
        if (prepared.isPresent()) {
            synchronized (this) {
                requireOpen();
                alertmanager = prepared.get();
                alertmanager.start();
            }
            if (!prepared.get().awaitReadyOrStop(settings.functionStartTimeout())) {
                synchronized (this) {
                    alertmanager = null; // the summary then says Alertmanager is not running
                }
            }
        }
    }

    /** The locker and central Prometheus, when a prometheus binary is on PATH ({@link LocalPrometheus}). */
    private void startPrometheus() {
        Optional<String> alerts;
        synchronized (this) {
            alerts = alertmanager == null ? Optional.empty() : Optional.of(alertmanager.address());
        }
        Optional<LocalPrometheus> prepared = LocalPrometheus.prepare(settings, gateway.url(), Optional.of(provider.url()), logsDir(),
                alerts);
        if (prepared.isPresent()) {
            synchronized (this) {
                requireOpen();
                prometheus = prepared.get();
                prometheus.start();
            }
            if (!prepared.get().awaitReadyOrStop(settings.functionStartTimeout())) {
                synchronized (this) {
                    prometheus = null; // the summary then says Prometheus is not running
                }
            }
        }
    }

    public DevStackSettings settings() {
        return settings;
    }

    /** The gateway, as functions and the simulator reach it: {@code http://127.0.0.1:<port>}. */
    public URI gatewayUrl() {
        return gateway.url();
    }

    /**
     * The monolith's own port ({@link FunctionMode#MONOLITH}), where it answers {@code /function/<name>}
     * without the gateway, as the thesis' monolith had none; empty in the other modes.
     */
    public Optional<URI> monolithUrl() {
        if (settings.functionMode() != FunctionMode.MONOLITH || functions.deployed().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(URI.create("http://127.0.0.1:" + functions.require(functions.deployed().get(0)).port()));
    }

    /** The simulator's page and lock-board API; nothing listens there when {@link #simulatorRunning()} is false. */
    public URI simulatorUrl() {
        return simulatorUrl;
    }

    /**
     * faasd-provider's stand-in ({@link ProviderServer}): {@code /function/<name>/metrics} reaches a running
     * function uncounted and starts no stopped one; on a free port.
     */
    public URI providerUrl() {
        return provider.url();
    }

    /** The locker's Prometheus (faasd's :9090), scraping the gateway and the functions; empty without a prometheus binary. */
    public synchronized Optional<URI> prometheusUrl() {
        return prometheus == null ? Optional.empty() : Optional.of(prometheus.lockerUrl());
    }

    /**
     * The central store the dashboard reads: a Prometheus federating the locker one as
     * prometheus-federate.yml does, or, in the push modes ({@link #centralMode}), the Prometheus or
     * VictoriaMetrics the locker one remote_writes to; empty without a prometheus binary.
     */
    public synchronized Optional<URI> centralPrometheusUrl() {
        return prometheus == null ? Optional.empty() : Optional.of(prometheus.centralUrl());
    }

    /** How the locker Prometheus reaches the central one (DEVSTACK_CENTRAL); empty when no Prometheus runs. */
    public synchronized Optional<CentralMode> centralMode() {
        return prometheus == null ? Optional.empty() : Optional.of(prometheus.mode());
    }

    /** vmalert's page when the central store is VictoriaMetrics; empty otherwise. */
    public synchronized Optional<URI> centralRulerUrl() {
        return prometheus == null ? Optional.empty() : prometheus.rulerUrl();
    }

    /** The Alertmanager the central Prometheus sends its alerts to; empty without a prometheus-alertmanager binary. */
    public synchronized Optional<URI> alertmanagerUrl() {
        return alertmanager == null ? Optional.empty() : Optional.of(alertmanager.url());
    }

    public synchronized boolean simulatorRunning() {
        return board != null && board.isOn();
    }

    /** The back-end stand-in: switch it down and up, read the events it received. */
    public BackendStandIn backend() {
        return backend;
    }

    /**
     * The MariaDB server, so a test can stopServer() and startServer() it; database {@code cacifo}. Its
     * {@code connect} logs in as the administrator, not as the functions' rows-only user. In faasd
     * mode it is supervised as its systemd unit does: a crash ({@link FaultSwitches#killMariaDb}) is
     * restarted after 1 s, a stopServer() stays stopped.
     */
    public LocalMariaDb mariaDb() {
        return mariaDb;
    }

    /** Signs with the locker's internal key, as one function calling another does; 60 s timeout. */
    public GatewayClient gatewayClient() {
        return gatewayClient;
    }

    /**
     * The central back-end's side, as tests and the demo data use it: calls signed with the back-end's
     * EC key (the only key insert, update, delete and set_state take) and parcels whose codes are
     * sealed for this locker's RSA key; 60 s timeout.
     */
    public LockerClient lockerClient() {
        return lockerClient;
    }

    /** The scenes the demo set up ({@link DevStackSettings#demoScenes}); none when off or when the demo data is missing. */
    public List<DemoScene> demoScenes() {
        return demoScenes;
    }

    /** The parcels the demo data made, with their codes; none when door-manager or reservation-manager is missing. */
    public List<DemoParcel> demoParcels() {
        return demoParcels;
    }

    public DoorLayout doorLayout() {
        return layout;
    }

    /** The folder with every secret, one file per name (e.g. {@code internal-hmac-key}). */
    public Path secretsDir() {
        return secrets.allDir();
    }

    public Path logsDir() {
        return settings.stateDir().resolve("logs");
    }

    /** The functions the devstack started (their jar was built), in stack.yaml order; killed ones included. */
    public List<String> deployedFunctions() {
        return functions.deployed();
    }

    /** The functions of stack.yaml left out because their jar was not built. */
    public List<String> skippedFunctions() {
        return functions.skipped();
    }

    /** The process of a deployed function, e.g. for its pid; throws for one that was not deployed. */
    public Optional<ProcessHandle> functionProcess(String name) {
        return functions.require(name).handle();
    }

    /** How the function's last process ended (a signal as 128 + its number); empty while it runs or before its first start. */
    public OptionalInt functionExitCode(String name) {
        return functions.require(name).exitCode();
    }

    public Path functionLog(String name) {
        return functions.require(name).log();
    }

    /** Kill and start functions, cut the board's power, stop the gateway, kill MariaDB, cut the power and boot. */
    public synchronized FaultSwitches faults() {
        return new FaultSwitches(functions, board, gateway, mariaDb, power);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the devstack is stopping");
        }
    }

    /** Stops the gateway, every child process (SIGTERM, SIGKILL after 5 s), the back-end and MariaDB. Idempotent. */
    @Override
    public void close() {
        SimulatedBoard simulator;
        LocalPrometheus metrics;
        LocalAlertmanager alerts;
        LockerPower units;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            simulator = board;
            metrics = prometheus;
            alerts = alertmanager;
            units = power;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself.
        }
        Shutdown.stop(units, gateway, provider, simulator, functions, metrics, alerts, backend, mariaDb, settings);
    }
}
