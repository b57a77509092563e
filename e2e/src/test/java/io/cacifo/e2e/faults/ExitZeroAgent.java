package io.cacifo.e2e.faults;

/**
 * Loaded into a running function JVM by {@link ExitZero}: ends it with {@code System.exit(0)}, as a
 * bug in handler or library code could. Kept apart from ExitZero so the target JVM loads nothing
 * but this.
 */
public final class ExitZeroAgent {
    private ExitZeroAgent() {
    }

    public static void agentmain(String args) {
        System.exit(0);
    }
}
