package io.cacifo.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * A port for a child process to listen on. The port is free when it is picked and the child binds
 * it a moment later; nothing else in this JVM is ever given the same port. Without that memory the
 * kernel may hand the same free port to two children picked in a row (it does not know they are
 * about to bind it): one of them then dies on "address in use" while the other's answers make it
 * look alive.
 */
public final class FreePort {
    private static final int ATTEMPTS = 100;
    private static final Set<Integer> GIVEN = new HashSet<>();

    private FreePort() {
    }

    /** {@code configured} itself, or a port free right now and never given before in this JVM when it is 0. */
    public static int or(int configured) {
        if (configured != 0) {
            return configured;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ephemeral();
            synchronized (GIVEN) {
                if (GIVEN.add(port)) {
                    return port;
                }
            }
        }
        throw new IllegalStateException("no free port that was not given before in " + ATTEMPTS + " attempts");
    }

    private static int ephemeral() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port", e);
        }
    }
}
