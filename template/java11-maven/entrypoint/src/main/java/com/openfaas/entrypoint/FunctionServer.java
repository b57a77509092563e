package com.openfaas.entrypoint;

import com.openfaas.model.AbstractHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * The HTTP server in front of the handler. Unlike the upstream entrypoint (one thread for all
 * requests), it serves on a fixed pool so a door call that waits for a door to close does not stall
 * other calls. When both the pool and its queue are full the JDK server closes the connection,
 * which of-watchdog reports as a 502: overload is refused, not queued without bound.
 */
public final class FunctionServer {
    static {
        // The JDK server leaves Nagle's algorithm on: each reply then waits for the client's delayed
        // ACK, ~40 ms a call. Read once when the first server is made, so set it before that.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // A body refused with 413 is not read; on close the server discards at most drainAmount
        // bytes of it (64 KiB by default) and resets the connection if more is left, so the caller
        // may get a reset instead of the 413. Draining up to 1 MiB lets the 413 arrive.
        if (System.getProperty("sun.net.httpserver.drainAmount") == null) {
            System.setProperty("sun.net.httpserver.drainAmount", Long.toString(1024 * 1024));
        }
    }

    private final HttpServer server;
    private final HandlerPool pool;
    private final int maxBodyBytes;
    /** The JVM's, process's, pool's and machine's series: one set per JVM, however many functions it serves. */
    private final RuntimeMetrics runtime;
    private volatile boolean serving;

    private FunctionServer(HttpServer server, HandlerPool pool, int maxBodyBytes) {
        this.server = server;
        this.pool = pool;
        this.maxBodyBytes = maxBodyBytes;
        this.runtime = new RuntimeMetrics(pool, new MachineMemory(MachineMemory.PROC_MEMINFO));
    }

    /**
     * Binds the port (loopback only: only of-watchdog talks to us) and serves nothing yet: a call that
     * connects before {@link #serve} waits in the kernel's accept backlog instead of being refused.
     */
    public static FunctionServer bind(EntrypointSettings settings) throws IOException {
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port), 0);
        HandlerPool pool = new HandlerPool(settings.threads, settings.queue);
        server.setExecutor(pool.executor());
        return new FunctionServer(server, pool, settings.maxBodyBytes);
    }

    /**
     * Puts {@code handler} behind the port and starts answering, the calls already waiting first. Its
     * {@code /metrics} has what the function registered in the default registry and this JVM's series.
     */
    public void serve(AbstractHandler handler) {
        server.createContext("/", new InvocationExchange(handler, pool, maxBodyBytes, ""));
        server.createContext(HealthExchange.PATH, new HealthExchange(HealthExchange.PATH));
        server.createContext(MetricsExchange.PATH, new MetricsExchange(
                List.of(PrometheusRegistry.defaultRegistry::scrape, runtime), MetricsExchange.PATH));
        server.start();
        serving = true;
    }

    /**
     * Puts several functions' handlers behind the one port, each where the gateway addresses it
     * ({@code /function/<name>}, its {@code /health} and {@code /metrics} below it, its metrics from
     * its own registry), each handed the path of-watchdog would hand it: the monolith. The one JVM's
     * series (memory, GC, threads, process, the shared handler pool, the machine) are served once, at
     * the server's own {@code /metrics}, not under each function. Then starts answering.
     */
    public void serveEach(Map<String, AbstractHandler> handlers, Map<String, PrometheusRegistry> metrics) {
        handlers.forEach((name, handler) -> {
            String prefix = "/function/" + name;
            server.createContext(prefix, new InvocationExchange(handler, pool, maxBodyBytes, prefix));
            server.createContext(prefix + HealthExchange.PATH, new HealthExchange(prefix + HealthExchange.PATH));
            server.createContext(prefix + MetricsExchange.PATH, new MetricsExchange(
                    List.of(metrics.getOrDefault(name, PrometheusRegistry.defaultRegistry)::scrape), prefix + MetricsExchange.PATH));
        });
        server.createContext(MetricsExchange.PATH, new MetricsExchange(List.of(runtime), MetricsExchange.PATH));
        server.start();
        serving = true;
    }

    /** This JVM's own series, as its {@code /metrics} writes them. */
    RuntimeMetrics runtimeMetrics() {
        return runtime;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting, gives running calls a second to answer, then ends the pool. */
    public void stop() {
        // A server that never started has no call to wait for (and the JDK would wait the second anyway).
        server.stop(serving ? 1 : 0);
        pool.executor().shutdownNow();
    }
}
