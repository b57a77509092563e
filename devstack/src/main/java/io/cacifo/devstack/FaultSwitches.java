package io.cacifo.devstack;

import io.cacifo.devstack.gateway.RestartableGateway;
import io.cacifo.devstack.process.ChildProcess;
import io.cacifo.devstack.process.RunningFunctions;
import io.cacifo.devstack.process.SimulatedBoard;

/**
 * The faults a test throws at a running devstack, each with its repair, as a locker on faasd meets
 * them: a function crashes and is started again, the lock board loses power, the gateway container
 * stops. The back-end stand-in and MariaDB carry their own switches ({@link DevStack#backend()}
 * down/up, {@link DevStack#mariaDb()} stopServer/startServer). Once the devstack is closing,
 * the board and gateway switches throw {@link IllegalStateException}.
 */
public final class FaultSwitches {
    private final RunningFunctions functions;
    /** Null without a door simulator. */
    private final SimulatedBoard board;
    private final RestartableGateway gateway;

    FaultSwitches(RunningFunctions functions, SimulatedBoard board, RestartableGateway gateway) {
        this.functions = functions;
        this.board = board;
        this.gateway = gateway;
    }

    /** SIGKILL, as a crash would end it; the gateway answers 502 for it until {@link #startFunction}. */
    public void killFunction(String name) {
        functions.kill(name);
    }

    /** Starts a killed function again on the same port and waits until it listens; no-op when it runs. */
    public void startFunction(String name) {
        functions.start(name);
    }

    /** Whether the function's process runs now (false for one killed, crashed or not deployed). */
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

    private SimulatedBoard requireBoard() {
        if (board == null) {
            throw new IllegalStateException("this devstack has no door simulator (door-simulator/target not built)");
        }
        return board;
    }
}
