package io.cacifo.devstack.process;

import io.cacifo.devstack.gateway.FunctionTask;

/**
 * A function's process as the gateway sees its task. In {@link FunctionMode#FAASD} it is faasd's
 * task around of-watchdog: a process that exits with a non-zero status or by a signal stops the
 * watchdog too (0 replicas) until a call scales it from zero; one that exits 0 leaves the watchdog
 * running (1 replica), answering every call with its empty 500 and never restarting it
 * (of-watchdog executor/http_runner.go ends only when the child's Wait returns an error). In
 * {@link FunctionMode#EAGER} the replicas are the process alive or not, and nothing starts it.
 */
public final class ProcessTask implements FunctionTask {
    private final ChildProcess process;
    private final FunctionMode mode;
    /** The watchdog around the process runs: set when the task is created, cleared by a power cut. */
    private boolean watchdogUp;
    /** The devstack is stopping: nothing starts the process again. */
    private boolean retired;

    public ProcessTask(ChildProcess process, FunctionMode mode) {
        this.process = process;
        this.mode = mode;
    }

    @Override
    public synchronized int replicas() {
        if (process.isAlive()) {
            return 1;
        }
        boolean deadBehindWatchdog = mode == FunctionMode.FAASD && watchdogUp && process.exitCode().orElse(-1) == 0;
        return deadBehindWatchdog ? 1 : 0;
    }

    @Override
    public synchronized void scaleFromZero() {
        if (mode == FunctionMode.FAASD && !retired && replicas() == 0) {
            start();
        }
    }

    /** Creates the task (starts the process) without waiting for it to listen; no-op for a live process. */
    synchronized void start() {
        if (retired) {
            throw new IllegalStateException("the devstack is stopping");
        }
        process.start();
        watchdogUp = true;
    }

    /** From now on nothing starts the process: the devstack is stopping it. */
    synchronized void retire() {
        retired = true;
    }

    /** SIGKILL to the process and the watchdog gone with it, a power cut; returns the process killed, not waiting. */
    synchronized Process cutPower() {
        watchdogUp = false;
        return process.killNow();
    }
}
