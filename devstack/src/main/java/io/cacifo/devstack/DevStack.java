package io.cacifo.devstack;

import io.cacifo.devstack.backend.BackendStandIn;
import io.cacifo.devstack.db.DevDatabase;
import io.cacifo.devstack.demo.DemoData;
import io.cacifo.devstack.demo.DemoParcel;
import io.cacifo.devstack.demo.DoorLayout;
import io.cacifo.devstack.gateway.FunctionDirectory;
import io.cacifo.devstack.gateway.FunctionEndpoint;
import io.cacifo.devstack.gateway.GatewayServer;
import io.cacifo.devstack.gateway.SecretsFolder;
import io.cacifo.devstack.process.ChildProcess;
import io.cacifo.devstack.process.FreePort;
import io.cacifo.devstack.process.FunctionEnvironment;
import io.cacifo.devstack.process.FunctionLauncher;
import io.cacifo.devstack.process.RunningFunctions;
import io.cacifo.devstack.process.SimulatorLauncher;
import io.cacifo.devstack.prometheus.LocalPrometheus;
import io.cacifo.devstack.secrets.SecretStore;
import io.cacifo.devstack.stack.StackFile;
import io.cacifo.backend.LockerClient;
import io.cacifo.kit.config.Config;
import io.cacifo.kit.config.Secrets;
import io.cacifo.kit.http.GatewayClient;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.PemKeys;
import io.cacifo.kit.security.RequestSigner;
import io.cacifo.kit.security.RotatingKeys;
import io.cacifo.kit.testing.LocalMariaDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * faasd on one machine without containers: MariaDB, the locker's secrets, a stand-in back-end,
 * the door simulator, every built function of stack.yaml as its own JVM, and a gateway with the
 * OpenFaaS routes and metrics in front of them, filled with demo data. The demo's {@link Main} and
 * the end-to-end tests start it the same way; {@link #close()} (or the JVM's shutdown) stops
 * every process and server it started.
 */
public final class DevStack implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DevStack.class.getName());
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final DevStackSettings settings;
    private final DoorLayout layout = DoorLayout.standard();
    private final FunctionDirectory directory = new FunctionDirectory();
    private final Thread shutdownHook;
    private boolean closed;
    private SecretStore secrets;
    private LocalMariaDb mariaDb;
    private BackendStandIn backend;
    /** Volatile: {@link #startGateway} replaces it while tests read its URL. */
    private volatile GatewayServer gateway;
    /** The port of a gateway stopped by {@link #stopGateway}; 0 while it runs. */
    private volatile int gatewayPort;
    private GatewayClient gatewayClient;
    private LockerClient lockerClient;
    private URI simulatorUrl;
    private ChildProcess simulator;
    private LocalPrometheus prometheus;
    private RunningFunctions functions;
    private List<DemoParcel> demoParcels = List.of();

    private DevStack(DevStackSettings settings) {
        this.settings = settings;
        this.shutdownHook = new Thread(this::close, "devstack-shutdown");
    }

    /**
     * Starts everything and returns once the gateway serves every built function and the demo data
     * is in. Failure behaviour: whatever had started is stopped again and the exception (naming
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
        StackFile stackFile = StackFile.read(settings.repoRoot().resolve("stack.yaml"), settings.environment());
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
        synchronized (this) {
            mariaDb = db;
            requireOpen();
            backend = BackendStandIn.start(settings.backendPort(), secrets.read("backend-hmac-key"));
            // Bound before the simulator and the functions start, because they are told its address.
            gateway = GatewayServer.start(settings.gatewayPort(), directory, secrets.read("basic-auth-password"),
                    secretsFolder());
            functions = new RunningFunctions(new FunctionLauncher(settings.repoRoot(), logsDir(), settings.jvmFlags(),
                    new FunctionEnvironment(gateway.url().toString(), "127.0.0.1", mariaDb.port(),
                            simulatorUrl.toString(), backend.url().toString(), settings.functionSettings())),
                    settings.functionStartTimeout());
        }
        // Signs as the locker's functions do, with the internal key in use now (a rotation replaces it).
        // At the functions' default pace (the kit's secrets_reload_ms: the devstack sets none).
        RotatingKeys<HmacKey> internalKeys = RotatingKeys.hmacKey(new Secrets(secrets.allDir()), "internal-hmac-key",
                Clock.systemUTC(), Duration.ofMillis(Config.of(Map.of()).getInt("secrets_reload_ms", 1)));
        gatewayClient = new GatewayClient(gateway.url(), new RequestSigner(internalKeys, Clock.systemUTC()), Duration.ofSeconds(60));
        lockerClient = new LockerClient(gateway.url(), PemKeys.ecKeyPair(secrets.read(SecretStore.BACKEND_PRIVATE_KEY)),
                PemKeys.rsaPublicKey(secrets.read(SecretStore.LOCKER_PUBLIC_KEY)), Clock.systemUTC(), Duration.ofSeconds(60));
        startSimulator();
        startPrometheus();
        functions.startAll(stackFile.functions(), spec -> secrets.grant(spec.name(), spec.secrets()), (spec, process) -> {
            directory.register(new FunctionEndpoint(spec.name(), spec.image(), process.port(), spec.execTimeout(),
                    spec.annotations(), process::isAlive));
            LOG.info("[devstack] " + spec.name() + " up on port " + process.port() + " (log: " + process.log() + ")");
        });
        LOG.info("[devstack] loading the demo data");
        demoParcels = List.copyOf(new DemoData(lockerClient, Set.copyOf(functions.deployed())).load(layout));
    }

    private void startSimulator() {
        SimulatorLauncher launcher = new SimulatorLauncher(settings.repoRoot(), logsDir(), settings.jvmFlags());
        if (!launcher.isBuilt()) {
            LOG.warning("[devstack] WARNING: " + launcher.jar() + " does not exist, so there is no door simulator"
                    + " (door-io will answer 503 board_unavailable). Build it with: mvn -B -f door-simulator/pom.xml package");
            return;
        }
        // lock-board-key: the board checks door-io's signature with it; internal-hmac-key: the page's door states.
        Path simulatorSecrets = secrets.grant("door-simulator", List.of("internal-hmac-key", "lock-board-key"));
        ChildProcess process = launcher.prepare(simulatorUrl.getPort(), layout.simDoors(), settings.autoCloseMs(),
                gateway.url().toString(), simulatorSecrets);
        synchronized (this) {
            requireOpen();
            simulator = process;
            process.start();
        }
        process.awaitPort(settings.functionStartTimeout());
        LOG.info("[devstack] door simulator up on " + simulatorUrl);
    }

    /** The locker and central Prometheus, when a prometheus binary is on PATH ({@link LocalPrometheus}). */
    private void startPrometheus() {
        Optional<LocalPrometheus> prepared = LocalPrometheus.prepare(settings, gateway.url(), logsDir());
        if (prepared.isEmpty()) {
            return;
        }
        synchronized (this) {
            requireOpen();
            prometheus = prepared.get();
            prometheus.start();
        }
        try {
            prepared.get().awaitReady(settings.functionStartTimeout());
        } catch (IllegalStateException e) {
            // Metrics are not worth losing the demo over: the summary then says Prometheus is not running.
            LOG.warning("[devstack] WARNING: Prometheus did not start, so there are no metrics: " + e.getMessage());
            synchronized (this) {
                prometheus = null;
            }
            prepared.get().close();
            return;
        }
        LOG.info("[devstack] Prometheus up: locker " + prepared.get().lockerUrl() + ", central " + prepared.get().centralUrl());
    }

    public DevStackSettings settings() {
        return settings;
    }

    /** The gateway, as functions and the simulator reach it: {@code http://127.0.0.1:<port>}. */
    public URI gatewayUrl() {
        int stopped = gatewayPort;
        return stopped != 0 ? URI.create("http://127.0.0.1:" + stopped) : gateway.url();
    }

    /** The simulator's page and lock-board API; nothing listens there when {@link #simulatorRunning()} is false. */
    public URI simulatorUrl() {
        return simulatorUrl;
    }

    /** The locker's Prometheus (faasd's :9090), scraping the gateway; empty without a prometheus binary. */
    public synchronized Optional<URI> prometheusUrl() {
        return prometheus == null ? Optional.empty() : Optional.of(prometheus.lockerUrl());
    }

    /** The central Prometheus, federating the locker one as prometheus-federate.yml does; empty without a prometheus binary. */
    public synchronized Optional<URI> centralPrometheusUrl() {
        return prometheus == null ? Optional.empty() : Optional.of(prometheus.centralUrl());
    }

    public synchronized boolean simulatorRunning() {
        return simulator != null && simulator.isAlive();
    }

    public URI backendUrl() {
        return backend.url();
    }

    /** The back-end stand-in: switch it down and up, read the events it received. */
    public BackendStandIn backend() {
        return backend;
    }

    /**
     * The MariaDB server, so a test can stopServer() and startServer() it; database {@code cacifo}. Its
     * {@code connect} logs in as the administrator, not as the functions' rows-only user.
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

    /** Whether the function's process runs now (false for one not deployed). */
    public boolean isRunning(String name) {
        return functions.find(name).map(ChildProcess::isAlive).orElse(false);
    }

    /** The process of a deployed function, e.g. for its pid; throws for one that was not deployed. */
    public Optional<ProcessHandle> functionProcess(String name) {
        return functions.require(name).handle();
    }

    public Path functionLog(String name) {
        return functions.require(name).log();
    }

    /** SIGKILL, as a crash would end it; the gateway answers 502 for it until {@link #startFunction}. */
    public void killFunction(String name) {
        functions.kill(name);
    }

    /** Starts a killed function again on the same port and waits until it listens; no-op when it runs. */
    public void startFunction(String name) {
        functions.start(name);
    }

    /**
     * Cuts the lock board's power: the door simulator is killed (SIGKILL), so door-io answers 503
     * board_unavailable until {@link #boardOn}. Throws {@link IllegalStateException} without a simulator.
     */
    public void boardOff() {
        requireSimulator().kill();
    }

    /**
     * Powers the board again and waits until it answers. Its doors come back closed, as a board's
     * latches do after a power cut.
     */
    public void boardOn() {
        ChildProcess process = requireSimulator();
        synchronized (this) {
            requireOpen();
            process.start();
        }
        process.awaitPort(settings.functionStartTimeout());
    }

    private synchronized ChildProcess requireSimulator() {
        if (simulator == null) {
            throw new IllegalStateException("this devstack has no door simulator (door-simulator/target not built)");
        }
        return simulator;
    }

    /**
     * Stops the gateway as faasd's gateway container stopping would: every connection through it is
     * cut and nothing listens on its port until {@link #startGateway}. The functions keep running.
     */
    public synchronized void stopGateway() {
        requireOpen();
        if (gatewayPort == 0) {
            gatewayPort = gateway.port();
            gateway.close();
        }
    }

    /** Starts a fresh gateway (new metrics) on the same port, serving the same running functions; no-op when it runs. */
    public synchronized void startGateway() {
        requireOpen();
        if (gatewayPort != 0) {
            gateway = GatewayServer.start(gatewayPort, directory, secrets.read("basic-auth-password"), secretsFolder());
            LOG.info("[devstack] gateway started again on port " + gatewayPort);
            gatewayPort = 0;
        }
    }

    /**
     * The locker's secrets as the gateway's {@code /system/secrets} may write them (faas-cli secret
     * create|update): every one a function may mount, never the back-end's or the administrator's.
     */
    private SecretsFolder secretsFolder() {
        List<String> lockers = SecretStore.NAMES.stream().filter(name -> !SecretStore.BACKEND_SIDE.contains(name))
                .collect(Collectors.toList());
        return new SecretsFolder() {
            @Override
            public List<String> names() {
                return lockers;
            }

            @Override
            public void write(String name, String value) {
                if (!lockers.contains(name)) {
                    throw new IllegalArgumentException("not one of the locker's secrets: " + name);
                }
                secrets.update(name, value);
            }
        };
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the devstack is stopping");
        }
    }

    /** Stops the gateway, every child process (SIGTERM, SIGKILL after 5 s), the back-end and MariaDB. Idempotent. */
    @Override
    public void close() {
        ChildProcess simulatorProcess;
        LocalPrometheus metrics;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            simulatorProcess = simulator;
            metrics = prometheus;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself.
        }
        if (gatewayPort == 0) {
            quietly("gateway", gateway);
        }
        if (simulatorProcess != null) {
            simulatorProcess.requestStop();
        }
        quietly("functions", functions == null ? null : () -> functions.stopAll(STOP_GRACE));
        if (simulatorProcess != null) {
            simulatorProcess.awaitStopped(STOP_GRACE);
        }
        quietly("Prometheus", metrics);
        quietly("back-end stand-in", backend);
        quietly("MariaDB", mariaDb == null ? null : mariaDb::stop);
        if (settings.temporaryState()) {
            deleteTree(settings.stateDir());
        }
        LOG.info("[devstack] stopped");
    }

    /** Stops one part (null: it never started); a failure is logged so the other parts still stop. */
    private static void quietly(String what, AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            LOG.warning("[devstack] stopping the " + what + " failed: " + e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warning("[devstack] could not delete " + dir + ": " + e);
        }
    }
}
