package io.cacifo.devstack.db;

import io.cacifo.kit.testing.LocalMariaDb;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * systemd's side of the locker's MariaDB: its host unit has {@code Restart=always} and
 * {@code RestartSec=1s}, so a mariadbd that dies without being stopped (a crash, the OOM killer,
 * SIGKILL) is started again a second later, and again a second after each failed start. A
 * deliberate {@link LocalMariaDb#stopServer()} ({@code systemctl stop}) stays stopped. A power cut
 * {@link #suspend}s it with everything else; {@link #resume} is the next boot.
 */
public final class MariaDbSupervisor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MariaDbSupervisor.class.getName());
    /** The host unit's RestartSec. */
    static final Duration RESTART_DELAY = Duration.ofSeconds(1);

    private final LocalMariaDb server;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mariadb-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private boolean active = true;

    private MariaDbSupervisor(LocalMariaDb server) {
        this.server = server;
    }

    /** Watches {@code server} from now on. */
    public static MariaDbSupervisor start(LocalMariaDb server) {
        MariaDbSupervisor supervisor = new MariaDbSupervisor(server);
        server.onUnexpectedExit(supervisor::died);
        return supervisor;
    }

    private synchronized void died() {
        if (active) {
            LOG.warning("[devstack] mariadbd died; starting it again in " + RESTART_DELAY.toMillis() + " ms (Restart=always)");
            timer.schedule(this::restart, RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void restart() {
        synchronized (this) {
            if (!active || server.isRunning()) {
                return;
            }
        }
        try {
            server.startServer();
            boolean closedMeanwhile;
            synchronized (this) {
                closedMeanwhile = !active;
            }
            if (closedMeanwhile) {
                // The devstack began to stop (or the power was cut) while this start ran: leave nothing behind.
                server.stopServer();
                return;
            }
            LOG.info("[devstack] mariadbd started again");
        } catch (RuntimeException e) {
            // A mariadbd that exits while starting is reported as dead again, and tried again after RestartSec.
            LOG.warning("[devstack] mariadbd did not start again: " + e.getMessage());
        }
    }

    /** Nothing restarts MariaDB until {@link #resume}: systemd is down too (a power cut). */
    public synchronized void suspend() {
        active = false;
    }

    public synchronized void resume() {
        active = true;
    }

    @Override
    public void close() {
        suspend();
        timer.shutdownNow();
        try {
            // A restart already under way finishes (and stops what it started) before MariaDB itself is stopped.
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
