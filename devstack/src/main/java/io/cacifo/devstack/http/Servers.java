package io.cacifo.devstack.http;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Makes the devstack's JDK HTTP servers: bound, with a named pool of daemon threads. */
public final class Servers {
    static {
        // As in the functions' entrypoint: without it every reply waits ~40 ms for a delayed ACK,
        // which would be charged to the gateway hop in every latency figure.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // As in the entrypoint: discard up to 1 MiB of a body left unread instead of resetting.
        if (System.getProperty("sun.net.httpserver.drainAmount") == null) {
            System.setProperty("sun.net.httpserver.drainAmount", Long.toString(1024 * 1024));
        }
    }

    private Servers() {
    }

    /**
     * Binds {@code port} (0: a free one) on 127.0.0.1 only: the devstack's admin routes and the
     * unauthenticated /function routes are for this machine, not the network it is on.
     */
    public static HttpServer bind(String name, int port, ExecutorService pool) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.setExecutor(pool);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind the " + name + " to port " + port
                    + " (is something else listening there?)", e);
        }
    }

    public static ExecutorService pool(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
