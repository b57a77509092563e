package io.cacifo.devstack.process;

import java.util.Locale;

/** How the devstack runs the functions' processes (DEVSTACK_FUNCTIONS). */
public enum FunctionMode {
    /**
     * As faasd does: every built function is deployed at boot but its process starts on its first
     * call through the gateway, with no readiness wait; a process that dies is started again only by
     * the next call; one that exits 0 leaves a live watchdog with a dead function.
     */
    FAASD,
    /** The quick demo: every function starts at boot and the devstack waits for each; a dead one stays dead. */
    EAGER,
    /**
     * The thesis' comparison: the seven handlers in one JVM ({@code monolith/}, {@link MonolithLauncher}),
     * started at boot like {@link #EAGER}; the gateway forwards {@code /function/<name>} to it and every
     * function's process is that one JVM.
     */
    MONOLITH;

    /** {@code faasd}, {@code eager} or {@code monolith}, any case; throws naming the variable for anything else. */
    public static FunctionMode parse(String key, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be faasd, eager or monolith, got '" + value + "'", e);
        }
    }
}
