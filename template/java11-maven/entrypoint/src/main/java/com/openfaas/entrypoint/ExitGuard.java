package com.openfaas.entrypoint;

import sun.misc.Signal;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes sure the function's JVM never ends with status 0. of-watchdog (0.10.9,
 * executor/http_runner.go) exits only when its child exits with an error; a child that exits 0
 * leaves a watchdog that still answers, a task faasd reports as running, and a function nobody
 * starts again. A function's JVM has no reason to end except SIGTERM or SIGINT (a container stop),
 * which keep their usual status (143, 130). Any other end, System.exit(0) in handler code or the
 * HTTP server's dispatcher thread dying (the JVM then ends because only daemon threads are left),
 * runs the shutdown hook, which stops the server and then halts with status 1.
 */
final class ExitGuard {
    private static final Logger LOG = Logger.getLogger(ExitGuard.class.getName());
    static final int FAILURE = 1;

    private volatile boolean expected;

    private ExitGuard() {
    }

    /** Installs the signal handlers and the shutdown hook, which runs {@code stop} first. */
    static ExitGuard install(Runnable stop) {
        ExitGuard guard = new ExitGuard();
        guard.onSignal("TERM");
        guard.onSignal("INT");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> guard.onShutdown(stop), "entrypoint-shutdown"));
        return guard;
    }

    /** Logs why the function cannot run and exits with status 1. */
    void fail(String message, Throwable cause) {
        LOG.log(Level.SEVERE, message, cause);
        expected = true;
        System.exit(FAILURE);
    }

    private void onSignal(String name) {
        try {
            // As the JVM's own handler does (status 128 + signal), remembering the end was asked for.
            Signal.handle(new Signal(name), signal -> {
                expected = true;
                System.exit(128 + signal.getNumber());
            });
        } catch (IllegalArgumentException notAvailable) {
            // -Xrs or a platform without the signal: the JVM's default applies, and the hook ends with 1.
            LOG.warning("[entrypoint] cannot watch SIG" + name + ": " + notAvailable.getMessage());
        }
    }

    private void onShutdown(Runnable stop) {
        stop.run();
        if (!expected) {
            // Not through java.util.logging: its own shutdown hook may have closed the handlers already.
            System.err.println("[entrypoint] the JVM is ending without SIGTERM or SIGINT (System.exit in handler code, "
                    + "or the HTTP server stopped); exiting with status " + FAILURE + " so of-watchdog exits too");
            Runtime.getRuntime().halt(FAILURE);
        }
    }
}
