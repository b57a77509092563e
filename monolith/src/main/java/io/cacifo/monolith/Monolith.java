package io.cacifo.monolith;

import com.openfaas.entrypoint.EntrypointSettings;
import com.openfaas.entrypoint.FunctionServer;
import com.openfaas.model.AbstractHandler;
import io.cacifo.kit.Services;
import io.cacifo.kit.config.Config;
import io.cacifo.kit.config.KitSettings;
import io.cacifo.kit.config.Secrets;
import io.cacifo.kit.http.InProcessDelivery;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The locker as one program, the thesis' monolith without Spring: the seven functions' handlers in
 * one JVM behind one HTTP server, each at {@code /function/<name>} as the gateway addresses it (so
 * the JMeter plans run against it unchanged), the kit, the DB and the secrets as each function has
 * them, and the calls between functions handed over in-process ({@link InProcessDelivery}: still
 * signed by the caller and verified by the handler; only the hop is gone). The lock board and the
 * back-end are still reached over HTTP: they are other machines.
 *
 * <p>Environment: {@code monolith_plan} (a {@link MonolithPlan} file) and the entrypoint's
 * {@code upstream_port}, {@code handler_threads}, {@code handler_queue}, {@code max_body_bytes}.
 */
public final class Monolith {
    private static final Logger LOG = Logger.getLogger(Monolith.class.getName());

    private final FunctionServer server;
    private final Map<String, AbstractHandler> handlers;

    private Monolith(FunctionServer server, Map<String, AbstractHandler> handlers) {
        this.server = server;
        this.handlers = handlers;
    }

    public static void main(String[] args) throws IOException {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s [%3$s] %5$s%6$s%n");
        }
        String planFile = System.getenv(MonolithPlan.PLAN_VARIABLE);
        if (planFile == null || planFile.isBlank()) {
            System.err.println("[monolith] set " + MonolithPlan.PLAN_VARIABLE + " to the plan file (docs/DEV.md, \"The monolith\")");
            System.exit(2);
        }
        EntrypointSettings settings = EntrypointSettings.from(System.getenv());
        try {
            Monolith monolith = start(MonolithPlan.read(Path.of(planFile)), settings);
            LOG.info("[monolith] " + monolith.handlers.keySet() + " listening on port " + monolith.port());
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "[monolith] did not start; exiting with status 1", e);
            System.exit(1);
        }
    }

    /**
     * Binds the port first (calls that arrive while the handlers are built wait in the backlog, as in
     * the entrypoint), builds every handler in the plan's order, then answers. Throws
     * {@link IllegalStateException} naming the function whose handler did not start; the port is then closed.
     */
    public static Monolith start(MonolithPlan plan, EntrypointSettings settings) throws IOException {
        FunctionServer server = FunctionServer.bind(settings);
        if (System.getProperty("http.maxConnections") == null) {
            // As the entrypoint: one kept-alive connection per handler thread (to the board, the back-end).
            System.setProperty("http.maxConnections", Integer.toString(settings.threads()));
        }
        try {
            InProcessDelivery delivery = new InProcessDelivery();
            Map<String, AbstractHandler> handlers = new LinkedHashMap<>();
            Map<String, PrometheusRegistry> metrics = new LinkedHashMap<>();
            for (MonolithPlan.Function function : plan.functions()) {
                PrometheusRegistry registry = new PrometheusRegistry();
                AbstractHandler handler = FunctionJar.open(function.name(), function.jar(), Monolith.class.getClassLoader())
                        .handler(services(function, delivery, registry));
                // Reachable in-process from now on; a call to a function not built yet is retried as one still starting.
                delivery.register(function.name(), handler);
                handlers.put(function.name(), handler);
                metrics.put(function.name(), registry);
            }
            server.serveEach(handlers, metrics);
            return new Monolith(server, handlers);
        } catch (RuntimeException | Error e) {
            server.stop();
            throw e;
        }
    }

    /** The function's parts from its own settings and secrets folder, calling the others in-process. */
    static Services services(MonolithPlan.Function function, InProcessDelivery delivery, PrometheusRegistry metrics) {
        Config config = Config.of(function.environment());
        String named = config.get(KitSettings.FUNCTION_NAME);
        if (!named.equals(function.name())) {
            throw new IllegalStateException(function.name() + ": its function_name is '" + named + "'");
        }
        return new Services(config, Secrets.from(config), Clock.systemUTC()).inOneJvm(delivery, metrics);
    }

    public int port() {
        return server.port();
    }

    /** The functions served, in the order their handlers were built. */
    public Map<String, AbstractHandler> handlers() {
        return handlers;
    }

    public void stop() {
        server.stop();
    }
}
