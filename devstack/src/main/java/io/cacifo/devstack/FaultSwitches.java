package io.cacifo.devstack;

import io.cacifo.devstack.gateway.RestartableGateway;
import io.cacifo.devstack.process.ChildProcess;
import io.cacifo.devstack.process.RunningFunctions;
import io.cacifo.devstack.process.SimulatedBoard;
import io.cacifo.kit.testing.LocalMariaDb;

import java.time.Duration;

/**
 * The faults a test throws at a running devstack, each with its repair, as a locker on faasd meets
 * them: a function crashes, the lock board loses power, the gateway container stops, mariadbd
 * crashes, the power goes. The back-end stand-in and MariaDB carry their own switches
 * ({@link DevStack#backend()} down/up, {@link DevStack#mariaDb()} stopServer/startServer). Once
 * the devstack is closing, the board and gateway switches throw {@link IllegalStateException}.
 */
public final class FaultSwitches {
    private final RunningFunctions functions;
    /** Null without a door simulator. */
    private final SimulatedBoard board;
    private final RestartableGateway gateway;
    private final LocalMariaDb mariaDb;
    /** Null in eager mode. */
    private final LockerPower power;

    FaultSwitches(RunningFunctions functions, SimulatedBoard board, RestartableGateway gateway, LocalMariaDb mariaDb,
                  LockerPower power) {
        this.functions = functions;
        this.board = board;
        this.gateway = gateway;
        this.mariaDb = mariaDb;
        this.power = power;
    }

    /**
     * SIGKILL, as a crash would end it. In faasd mode its task is stopped (0 replicas) and the next
     * call through the gateway, or the wake timer, starts it again; in eager mode it stays dead until
     * {@link #startFunction}. Meanwhile a call gets of-watchdog's empty 500.
     */
    public void killFunction(String name) {
        functions.kill(name);
    }

    /** Starts a killed function again on the same port and waits until it listens; no-op when it runs. */
    public void startFunction(String name) {
        functions.start(name);
    }

    /** Whether the function's process runs now (false for one killed, crashed, exited or not started yet). */
    public boolean isRunning(String name) {
        return functions.find(name).map(ChildProcess::isAlive).orElse(false);
    }

    /**
     * Cuts the lock board's power: the door simulator is killed (SIGKILL), so door-io answers 503
     * board_unavailable until {@link #boardOn}. Throws {@link IllegalStateException} without a simulator.
     */
    public void boardOff() {
        requireBoard().powerOff();
    }

    /** Powers the board again and waits until it answers; its doors come back closed. */
    public void boardOn() {
        requireBoard().powerOn();
    }

    /**
     * Stops the gateway as faasd's gateway container stopping would: every connection through it is
     * cut and nothing listens on its port until {@link #startGateway}. The functions keep running.
     */
    public void stopGateway() {
        gateway.stop();
    }

    /** Starts a fresh gateway (new metrics) on the same port, serving the same running functions; no-op when it runs. */
    public void startGateway() {
        gateway.startAgain();
    }

    /**
     * SIGKILL to mariadbd, as a crash would end it. In faasd mode its systemd unit (Restart=always,
     * RestartSec=1s) starts it again a second later; in eager mode it stays down until startServer().
     */
    public void killMariaDb() {
        mariaDb.kill();
    }

    /**
     * A power cut, faasd mode only: SIGKILL to every function JVM, mariadbd and the board, and the
     * gateway stopped, all at once; the wake timer and MariaDB's supervisor go with them. Nothing
     * comes back until {@link #boot}. The back-end stand-in (not on the locker) and Prometheus stay.
     */
    public void powerCut() {
        requirePower().cut();
    }

    /**
     * Power back, faasd mode only: the gateway and the board start, then MariaDB and deploy/host/cacifo-wake
     * (as the boot unit runs it) together, and the wake timer after. Returns how long from this call until the
     * script exited 0; throws {@link IllegalStateException} (naming the functions' logs) when it failed.
     */
    public Duration boot() {
        return requirePower().boot();
    }

    private SimulatedBoard requireBoard() {
        if (board == null) {
            throw new IllegalStateException("this devstack has no door simulator (door-simulator/target not built)");
        }
        return board;
    }

    private LockerPower requirePower() {
        if (power == null) {
            throw new IllegalStateException("a power cut and boot need the faasd-like devstack (DEVSTACK_FUNCTIONS=faasd)");
        }
        return power;
    }
}
