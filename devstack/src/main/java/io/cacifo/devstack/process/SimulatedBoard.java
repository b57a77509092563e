package io.cacifo.devstack.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The door simulator as the locker's lock board: its process, with the board's power switch. Power
 * cut, it is killed (SIGKILL) and door-io answers 503 board_unavailable; power back, its doors come
 * back closed, as a board's latches do. Once {@link #requestStop} ran it never starts again.
 */
public final class SimulatedBoard {
    private static final Logger LOG = Logger.getLogger(SimulatedBoard.class.getName());
    private final ChildProcess process;
    private final Duration startTimeout;
    private boolean stopping;

    public SimulatedBoard(ChildProcess process, Duration startTimeout) {
        this.process = process;
        this.startTimeout = startTimeout;
    }

    /**
     * The simulator as {@link SimulatorLauncher#prepare} makes it, not started yet; empty, with a
     * warning, when its jar is not built. {@code secretsDir} is asked only when it is.
     */
    public static Optional<SimulatedBoard> prepare(SimulatorLauncher launcher, int port, String doors, long autoCloseMs,
                                                   String jammedDoors, String gatewayUrl, Supplier<Path> secretsDir,
                                                   Duration startTimeout) {
        if (!launcher.isBuilt()) {
            LOG.warning("[devstack] WARNING: " + launcher.jar() + " does not exist, so there is no door simulator"
                    + " (door-io will answer 503 board_unavailable). Build it with: mvn -B -f door-simulator/pom.xml package");
            return Optional.empty();
        }
        return Optional.of(new SimulatedBoard(launcher.prepare(port, doors, autoCloseMs, jammedDoors, gatewayUrl, secretsDir.get()),
                startTimeout));
    }

    /**
     * Starts the simulator and waits until it answers; no-op for the process when it runs. Throws
     * {@link IllegalStateException} once stopping, or naming its log when it does not come up in time.
     */
    public void powerOn() {
        synchronized (this) {
            if (stopping) {
                throw new IllegalStateException("the devstack is stopping");
            }
            process.start();
        }
        process.awaitPort(startTimeout);
    }

    /** SIGKILL, and waits until the process is gone. */
    public void powerOff() {
        process.kill();
    }

    public boolean isOn() {
        return process.isAlive();
    }

    /** SIGTERM without waiting (see {@link #awaitStopped}); nothing starts it again. */
    public void requestStop() {
        synchronized (this) {
            stopping = true;
        }
        process.requestStop();
    }

    /** Waits up to {@code grace} after {@link #requestStop}, then kills. */
    public void awaitStopped(Duration grace) {
        process.awaitStopped(grace);
    }
}
