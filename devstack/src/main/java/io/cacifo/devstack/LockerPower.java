package io.cacifo.devstack;

import io.cacifo.devstack.db.MariaDbSupervisor;
import io.cacifo.devstack.gateway.RestartableGateway;
import io.cacifo.devstack.process.RunningFunctions;
import io.cacifo.devstack.process.SimulatedBoard;
import io.cacifo.devstack.wake.WakeScript;
import io.cacifo.devstack.wake.WakeTimer;
import io.cacifo.kit.testing.LocalMariaDb;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;

/**
 * The Pi's power and its boot units, in the faasd-like devstack: at boot cacifo-wake.service runs
 * the wake script once the gateway (faasd) is up, while MariaDB starts, then cacifo-wake.timer
 * runs it every wake interval. A power cut ends everything on the Pi at once; a boot starts MariaDB,
 * the gateway and the board again and wakes the functions as the boot unit does.
 */
final class LockerPower implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LockerPower.class.getName());

    private final RunningFunctions functions;
    /** Null without a door simulator. */
    private final SimulatedBoard board;
    private final RestartableGateway gateway;
    private final LocalMariaDb mariaDb;
    private final MariaDbSupervisor supervisor;
    private final WakeScript wake;
    private final Duration wakeInterval;
    private WakeTimer timer;
    private boolean closed;

    LockerPower(RunningFunctions functions, SimulatedBoard board, RestartableGateway gateway, LocalMariaDb mariaDb,
                MariaDbSupervisor supervisor, WakeScript wake, Duration wakeInterval) {
        this.functions = functions;
        this.board = board;
        this.gateway = gateway;
        this.mariaDb = mariaDb;
        this.supervisor = supervisor;
        this.wake = wake;
        this.wakeInterval = wakeInterval;
    }

    /**
     * cacifo-wake.service, then its timer: returns how long the script took once it exited 0.
     * Throws {@link IllegalStateException} naming the functions' logs when it did not.
     */
    Duration wakeAtBoot() {
        if (functions.deployed().isEmpty()) {
            LOG.warning("[devstack] no function is deployed, so there is nothing to wake");
            return Duration.ZERO;
        }
        LOG.info("[devstack] waking every function (deploy/host/cacifo-wake, as cacifo-wake.service at boot)");
        Duration took = wake.runAtBoot();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the devstack is stopping");
            }
            timer = WakeTimer.start(wake, wakeInterval);
        }
        return took;
    }

    /** SIGKILL to every function JVM, mariadbd and the board, and the gateway stopped, all at once; systemd with them. */
    synchronized void cut() {
        if (timer != null) {
            timer.close();
            timer = null;
        }
        wake.endRun();
        supervisor.suspend();
        gateway.stop();
        CompletableFuture<Void> board = CompletableFuture.runAsync(() -> {
            if (this.board != null) {
                this.board.powerOff();
            }
        });
        CompletableFuture<Void> database = CompletableFuture.runAsync(mariaDb::kill);
        functions.cutPower();
        board.join();
        database.join();
        LOG.info("[devstack] power cut: functions, MariaDB, the board and the gateway are gone");
    }

    /**
     * Power back: the board and the gateway (faasd) start, then MariaDB (its unit, supervised again)
     * and the wake script together, as on the Pi, where both units are After=faasd.service and the
     * wake script needs only the gateway. Returns how long from the call until the script exited 0
     * and MariaDB and the board were up; throws {@link IllegalStateException} when one was not.
     */
    Duration boot() {
        long started = System.nanoTime();
        CompletableFuture<Void> boardUp = CompletableFuture.runAsync(() -> {
            if (board != null) {
                board.powerOn();
            }
        });
        gateway.startAgain();
        supervisor.resume();
        CompletableFuture<Void> databaseUp = CompletableFuture.runAsync(() -> {
            if (!mariaDb.isRunning()) {
                mariaDb.startServer();
            }
        });
        wakeAtBoot();
        awaitUp(databaseUp, "MariaDB");
        awaitUp(boardUp, "the board");
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static void awaitUp(CompletableFuture<Void> starting, String what) {
        try {
            starting.join();
        } catch (CompletionException e) {
            throw new IllegalStateException(what + " did not come back: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.close();
        }
        wake.close();
        supervisor.close();
    }
}
