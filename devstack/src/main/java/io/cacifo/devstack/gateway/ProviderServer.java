package io.cacifo.devstack.gateway;

import com.sun.net.httpserver.HttpExchange;
import io.cacifo.devstack.http.ConnectionServer;
import io.cacifo.devstack.http.Exchanges;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * faasd-provider's own function proxy (faasd-provider:8081 on the Pi), which the locker's Prometheus
 * scrapes each function's /metrics through (prometheus/locker.yml, job functions). As faasd 13f03f3
 * cmd/provider.go serves it with faas-provider v0.25.3 (serve.go, proxy/proxy.go):
 * {@code /function/<name>[/<path>]} is forwarded to the function's running process, without a login,
 * without counting it anywhere (the gateway's {@link GatewayMetrics} never sees it) and without
 * scaling a stopped function from zero, which only the gateway does.
 *
 * <ul>
 *   <li>A function the directory does not know: 503 {@code No endpoints available for: <name>.}
 *       (proxy.go, when faasd's InvokeResolver finds no container).</li>
 *   <li>A deployed function whose task is stopped: faasd's resolver (pkg/provider/handlers/
 *       function_get.go) gives it an empty IP, so proxy.go sends the request to the Pi's own :8080,
 *       faasd's published gateway, whose router has no {@code /metrics} route there (its metrics are
 *       on :8082): 404 {@code 404 page not found}. Read from the source; answered here for every
 *       path alike, since the scrape path is the only one anything here asks for.</li>
 *   <li>A running one: its reply as it is, or of-watchdog's empty 500 when its process does not
 *       answer ({@link FunctionProxy#send}).</li>
 * </ul>
 * {@code /metrics} answers 200 with no series: faasd-provider's are its Go runtime and process, and
 * this stand-in has no process of its own (it runs in the devstack's JVM), so the provider job's
 * {@code up} says whether it answers and nothing pretends to be faasd-provider's memory.
 */
public final class ProviderServer implements AutoCloseable {
    private static final String FUNCTION = "/function/";
    /** The scrapes of one locker Prometheus, and a test's own calls. */
    private static final int THREADS = 16;
    private static final byte[] OWN_METRICS = "# faasd-provider stand-in: no process of its own to report\n"
            .getBytes(StandardCharsets.UTF_8);

    private final ConnectionServer server;
    private final FunctionDirectory directory;
    private final FunctionProxy proxy;

    private ProviderServer(int port, FunctionDirectory directory) {
        this.directory = directory;
        this.proxy = new FunctionProxy(directory);
        this.server = ConnectionServer.bind("provider", port, THREADS);
        server.createContext(FUNCTION, GatewayServer.guarded("provider", this::function));
        server.createContext("/metrics", GatewayServer.guarded("provider", exchange -> Exchanges.send(exchange, 200,
                GatewayMetrics.CONTENT_TYPE, OWN_METRICS)));
        server.createContext("/", GatewayServer.guarded("provider",
                exchange -> Exchanges.text(exchange, 404, "404 page not found\n")));
    }

    /** Binds {@code port} on 127.0.0.1 (0: a free one) and serves at once. */
    public static ProviderServer start(int port, FunctionDirectory directory) {
        ProviderServer provider = new ProviderServer(port, directory);
        provider.server.start();
        return provider;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    private void function(HttpExchange exchange) throws IOException {
        Invocation call = Invocation.read(exchange, FUNCTION);
        Optional<FunctionEndpoint> found = directory.find(call.function());
        FunctionReply reply;
        if (found.isEmpty()) {
            reply = FunctionReply.text(503, "No endpoints available for: " + call.function() + ".\n");
        } else if (found.get().task().replicas() == 0) {
            reply = FunctionReply.text(404, "404 page not found\n");
        } else {
            reply = proxy.send(found.get(), call);
        }
        reply.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        Exchanges.send(exchange, reply.status(), reply.body());
    }

    @Override
    public void close() {
        server.close();
    }
}
