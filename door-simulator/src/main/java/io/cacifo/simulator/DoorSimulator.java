package io.cacifo.simulator;

import com.sun.net.httpserver.HttpServer;
import io.cacifo.kit.http.GatewayClient;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.RequestSigner;
import io.cacifo.kit.security.RotatingKeys;
import io.cacifo.simulator.board.AutoCloseTimer;
import io.cacifo.simulator.board.Board;
import io.cacifo.simulator.board.BoardCallVerifier;
import io.cacifo.simulator.board.BoardRoutes;
import io.cacifo.simulator.board.LegacyApiRoute;
import io.cacifo.simulator.gateway.DoorStates;
import io.cacifo.simulator.gateway.ScreenForwarder;
import io.cacifo.simulator.http.Router;
import io.cacifo.simulator.ui.PageFiles;
import io.cacifo.simulator.ui.UiRoutes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The simulator put together: {@link #create} builds the board, the gateway clients and the routes
 * once, {@link #start} listens, {@link #stop} ends it. Tests and the devstack run it in-process on port 0.
 */
public final class DoorSimulator {
    /**
     * Threads that read requests and write replies. A wait-closed long poll holds none while it
     * waits (its reply is written when the door closes), so this only bounds requests in progress.
     */
    static final int HTTP_THREADS = 32;
    private static final Logger LOG = Logger.getLogger(DoorSimulator.class.getName());
    /** The key door-io signs board calls with (door-simulator/README.md); without it the simulator does not start. */
    static final String LOCK_BOARD_KEY = "lock-board-key";

    static {
        // The JDK server writes a reply's headers and body in two segments; without TCP_NODELAY,
        // Nagle holds the body until the client's delayed ACK, adding ~40 ms to every board call
        // (measured: 45 ms -> 3 ms) and skewing door-io's latency. The JDK reads this once, when
        // it first creates a server, so it is set before ours is; an explicit -D value wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SimulatorSettings settings;
    private final Board board;
    private final ExecutorService threads;
    private final Router router;
    private HttpServer server;

    private DoorSimulator(SimulatorSettings settings, Board board, ExecutorService threads, Router router) {
        this.settings = settings;
        this.board = board;
        this.threads = threads;
        this.router = router;
    }

    /**
     * Builds everything but does not listen yet. A missing, unreadable or short {@code lock-board-key}
     * throws {@link IllegalStateException} naming it: the board has no mode in which anyone may open doors.
     */
    public static DoorSimulator create(SimulatorSettings settings) {
        return create(settings, AutoCloseTimer.threaded());
    }

    /** As above, with the doors' auto-close run by {@code autoCloser}. */
    static DoorSimulator create(SimulatorSettings settings, AutoCloseTimer autoCloser) {
        BoardCallVerifier doorIo = new BoardCallVerifier(HmacKey.fromSecret(settings.secrets(), LOCK_BOARD_KEY),
                Clock.systemUTC(), settings.maxSkewSeconds());
        Board board = new Board(settings.layout(), settings.autoCloseMs(), settings.jammedDoors(), autoCloser);
        HttpClient screenHttp = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        DoorStates states = new DoorStates(signedGateway(settings), System::nanoTime);
        ScreenForwarder screen = new ScreenForwarder(screenHttp, settings.gatewayUrl());
        ExecutorService threads = Executors.newFixedThreadPool(HTTP_THREADS, namedThreads());
        Router router = new Router(threads);
        new BoardRoutes(board, doorIo).addTo(router);
        new LegacyApiRoute(board, doorIo).addTo(router);
        new UiRoutes(board, states, screen).addTo(router);
        PageFiles.addTo(router);
        return new DoorSimulator(settings, board, threads, router);
    }

    /** The kit's gateway client signing with {@code internal-hmac-key}, or empty (and a warning) when the key is missing or unusable. */
    private static Optional<GatewayClient> signedGateway(SimulatorSettings settings) {
        Optional<String> key;
        try {
            key = settings.secrets().find("internal-hmac-key");
        } catch (IllegalStateException e) {
            LOG.warning("[simulator] " + e.getMessage() + "; door states will show as UNKNOWN");
            return Optional.empty();
        }
        if (key.isEmpty()) {
            LOG.warning("[simulator] no internal-hmac-key in " + settings.secrets().dir()
                    + ": door states will show as UNKNOWN; the board and the keypad still work");
            return Optional.empty();
        }
        try {
            // The key in use now: a rotation (docs/install-pi.md) replaces the file while the simulator runs.
            RotatingKeys<HmacKey> keys = RotatingKeys.hmacKey(settings.secrets(), "internal-hmac-key", Clock.systemUTC(),
                    settings.secretsReload());
            RequestSigner signer = new RequestSigner(keys, Clock.systemUTC());
            return Optional.of(new GatewayClient(settings.gatewayUrl(), signer, settings.gatewayTimeout()));
        } catch (IllegalStateException e) {
            LOG.warning("[simulator] internal-hmac-key is unusable (" + e.getMessage() + "): door states will show as UNKNOWN");
            return Optional.empty();
        }
    }

    private static java.util.concurrent.ThreadFactory namedThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> new Thread(runnable, "simulator-http-" + count.incrementAndGet());
    }

    /** Listens on the configured address; a port in use throws {@link UncheckedIOException}. */
    public synchronized DoorSimulator start() {
        if (server != null) {
            throw new IllegalStateException("the simulator is already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.bind() + ":" + settings.port(), e);
        }
        server.setExecutor(threads);
        server.createContext("/", router);
        server.start();
        return this;
    }

    /** The port it listens on, the real one when started with port 0. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the simulator is not started");
        }
        return server.getAddress().getPort();
    }

    Board board() {
        return board;
    }

    /** Stops listening at once; long polls still waiting are cut off. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
        }
        threads.shutdownNow();
        board.shutdown();
    }
}
