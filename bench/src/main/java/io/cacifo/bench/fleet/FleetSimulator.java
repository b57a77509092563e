package io.cacifo.bench.fleet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One process answering for a whole fleet: {@code GET /federate?locker=locker-0042&match[]=…} is
 * what locker 42's Prometheus would answer (its {@link LockerKind} decides whether it answers at
 * all). The central store's targets file gives each locker the simulator's one address and a
 * {@code __param_locker} label, so Prometheus asks for the right locker while the job's own
 * {@code match[]} params are sent unchanged. {@code POST /api/v2/alerts} answers 200: it is where
 * vmalert sends alerts during a bench, so nothing depends on an Alertmanager.
 *
 * <p>Create, then {@link #start()}; {@link #close()} stops it. Listens on 127.0.0.1 only.
 */
public final class FleetSimulator implements AutoCloseable {
    private static final Pattern LOCKER = Pattern.compile("locker-(\\d{4,})");
    private static final String GARBAGE = "<html><body><h1>502 Bad Gateway</h1></body></html>\n";

    private final int size;
    private final Duration hold;
    private final LockerExposition exposition;
    private final HttpServer server;
    private final ExecutorService workers;

    /**
     * {@code size} lockers; a {@link LockerKind#TIMEOUT} locker keeps its caller waiting {@code hold}
     * (longer than the scrape timeout) before closing. {@code port} 0 takes a free one.
     */
    public FleetSimulator(int size, Duration hold, int port) {
        this.size = size;
        this.hold = hold;
        this.exposition = new LockerExposition(System.currentTimeMillis());
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("fleet simulator: could not listen on 127.0.0.1:" + port, e);
        }
        // Enough threads that the few held (timeout) lockers never delay the rest of a scrape round.
        this.workers = Executors.newFixedThreadPool(32);
        server.setExecutor(workers);
        server.createContext("/federate", this::federate);
        server.createContext("/api/v2/alerts", this::alerts);
    }

    public FleetSimulator start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String address() {
        return "127.0.0.1:" + port();
    }

    public int size() {
        return size;
    }

    private void federate(HttpExchange exchange) throws IOException {
        try {
            int number = lockerNumber(exchange.getRequestURI());
            if (!"GET".equals(exchange.getRequestMethod()) || number < 1 || number > size) {
                reply(exchange, 404, "text/plain; charset=utf-8", "no such locker\n");
                return;
            }
            LockerKind kind = LockerKind.of(number, size);
            switch (kind) {
                case TIMEOUT:
                    sleep(hold);
                    return;
                case GARBAGE:
                    reply(exchange, 200, "text/html; charset=utf-8", GARBAGE);
                    return;
                case VANISHED:
                    // No status line at all: the scraper sees the connection end, as with a dead tunnel.
                    return;
                default:
                    reply(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                            exposition.render(number, kind, System.currentTimeMillis()));
            }
        } finally {
            exchange.close();
        }
    }

    private void alerts(HttpExchange exchange) throws IOException {
        try {
            exchange.getRequestBody().readAllBytes();
            reply(exchange, 200, "application/json", "{}");
        } finally {
            exchange.close();
        }
    }

    /** The number in the {@code locker} query parameter, or -1. */
    static int lockerNumber(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) {
            return -1;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("locker=")) {
                Matcher matcher = LOCKER.matcher(URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8));
                return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
            }
        }
        return -1;
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code FleetSimulator <lockers> [port]}: serves a fleet until killed, for a look with curl or a Prometheus by hand. */
    public static void main(String[] args) throws InterruptedException {
        int lockers = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        FleetSimulator simulator = new FleetSimulator(lockers, Duration.ofSeconds(15), port).start();
        System.out.println("fleet simulator: " + lockers + " lockers on http://" + simulator.address()
                + "/federate?locker=" + LockerExposition.lockerName(1));
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        Thread.currentThread().join();
    }
}
