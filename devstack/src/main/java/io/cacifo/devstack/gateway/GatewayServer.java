package io.cacifo.devstack.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.cacifo.devstack.http.ConnectionServer;
import io.cacifo.devstack.http.Exchanges;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The devstack's OpenFaaS gateway: {@code /function/<name>}, {@code /async-function/<name>},
 * {@code /system/functions}, {@code /healthz} and {@code /metrics}. Functions appear as they are
 * registered in its {@link FunctionDirectory}. Served as faasd's Go gateway serves, one thread per
 * connection ({@link ConnectionServer}), so the hop it adds is the proxying, not thread hand-offs.
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GatewayServer.class.getName());
    private static final String SYNC = "/function/";
    private static final String ASYNC = "/async-function/";
    /**
     * Calls handled at once (door calls hold one for up to the door-close timeout); more wait. Also
     * the idle connections kept per function, so a burst of this many reuses them.
     */
    private static final int THREADS = 64;
    private static final int ASYNC_THREADS = 8;
    private static final int ASYNC_QUEUE = 1000;

    private final ConnectionServer server;
    private final FunctionDirectory directory;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final FunctionProxy proxy;
    private final AsyncInvocations async;
    private final SystemApi system;

    private GatewayServer(int port, FunctionDirectory directory, String basicAuthPassword, SecretsFolder secrets) {
        this.directory = directory;
        this.proxy = new FunctionProxy(directory);
        this.async = new AsyncInvocations(proxy, metrics, ASYNC_THREADS, ASYNC_QUEUE);
        this.system = new SystemApi(directory, metrics, new BasicAuth(basicAuthPassword), secrets);
        this.server = ConnectionServer.bind("gateway", port, THREADS);
        server.createContext(SYNC, guarded("gateway", this::sync));
        server.createContext(ASYNC, guarded("gateway", this::async));
        server.createContext("/system/", guarded("gateway", system::handle));
        server.createContext("/healthz", guarded("gateway", exchange -> Exchanges.text(exchange, 200, "OK")));
        server.createContext("/metrics", guarded("gateway", this::metrics));
        server.createContext("/", guarded("gateway", exchange -> Exchanges.text(exchange, 404, "404 page not found\n")));
    }

    /** A gateway with no secrets to write ({@code /system/secrets} refuses every write). */
    public static GatewayServer start(int port, FunctionDirectory directory, String basicAuthPassword) {
        return start(port, directory, basicAuthPassword, SecretsFolder.none());
    }

    /**
     * Binds {@code port} (0: a free one) and serves at once; {@code basicAuthPassword} guards /system,
     * whose {@code /system/secrets} writes {@code secrets}.
     */
    public static GatewayServer start(int port, FunctionDirectory directory, String basicAuthPassword,
                                      SecretsFolder secrets) {
        // The JDK keeps 5 idle connections per function by default; under a load plan the other calls
        // would each open and close a connection. Read once, when the JVM first keeps one alive.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(THREADS));
        }
        GatewayServer gateway = new GatewayServer(port, directory, basicAuthPassword, secrets);
        gateway.server.start();
        return gateway;
    }

    public int port() {
        return server.port();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    private void sync(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        Invocation call = Invocation.read(exchange, SYNC);
        FunctionReply reply = proxy.forward(call);
        // Counted before the reply is written, so a caller that hangs up still leaves its call counted.
        metrics.record(call.function(), reply.status(), (System.nanoTime() - started) / 1e9);
        reply.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        Exchanges.send(exchange, reply.status(), reply.body());
    }

    /**
     * 202 with X-Call-Id once the call is queued. An unknown function is refused at once with 404
     * rather than failing later out of sight, and a full queue with 503, never a 202 that is dropped.
     */
    private void async(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        Invocation call = Invocation.read(exchange, ASYNC);
        if (directory.find(call.function()).isEmpty()) {
            FunctionReply notFound = FunctionProxy.notFound(call.function());
            Exchanges.send(exchange, 404, notFound.contentType(), notFound.body());
            metrics.record(call.function(), 404, (System.nanoTime() - started) / 1e9);
            return;
        }
        Optional<URI> callback;
        try {
            callback = AsyncInvocations.callbackUrl(exchange.getRequestHeaders().getFirst("X-Callback-Url"));
        } catch (IllegalArgumentException e) {
            Exchanges.text(exchange, 400, e.getMessage() + "\n");
            return;
        }
        String callId = UUID.randomUUID().toString();
        if (!async.submit(callId, call, callback)) {
            Exchanges.text(exchange, 503, "the async queue is full; try again later\n");
            return;
        }
        exchange.getResponseHeaders().set("X-Call-Id", callId);
        Exchanges.send(exchange, 202, Exchanges.TEXT, new byte[0]);
    }

    private void metrics(HttpExchange exchange) throws IOException {
        List<FunctionEndpoint> services = directory.all();
        Exchanges.send(exchange, 200, GatewayMetrics.CONTENT_TYPE, metrics.render(services).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Every route answers: a bug of ours becomes a logged 500, never a dropped connection. {@code tag}
     * names the server in the log and the 500's text ("gateway", "provider").
     */
    static HttpHandler guarded(String tag, Route route) {
        return exchange -> {
            try {
                route.handle(exchange);
            } catch (IOException connectionGone) {
                // The caller hung up, or the gateway is stopping under a call still in flight (a
                // door wait): nothing to answer and no bug of ours, so one line and no stack.
                LOG.warning("[" + tag + "] " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                        + ": the connection closed before the reply was sent (" + connectionGone.getMessage() + ")");
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "[" + tag + "] " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                        + " failed", e);
                try {
                    Exchanges.text(exchange, 500, "internal " + tag + " error\n");
                } catch (IOException | RuntimeException alreadyAnswered) {
                    // The reply had started; the client sees a cut reply, the log has the cause.
                }
            } finally {
                exchange.close();
            }
        };
    }

    interface Route {
        void handle(HttpExchange exchange) throws IOException;
    }

    @Override
    public void close() {
        server.close();
        async.close();
    }
}
