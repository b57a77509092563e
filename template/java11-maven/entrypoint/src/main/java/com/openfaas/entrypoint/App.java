package com.openfaas.entrypoint;

import com.openfaas.model.AbstractHandler;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * Starts the function: loads the one handler this JVM serves and puts it behind an HTTP server on
 * 127.0.0.1:8082, where of-watchdog (mode=http) forwards every call.
 */
public final class App {
    private static final Logger LOG = Logger.getLogger(App.class.getName());

    private App() {
    }

    public static void main(String[] args) throws IOException {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            // One line per record, so of-watchdog's log lines stay readable in `faas-cli logs`.
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tFT%1$tT.%1$tL %4$s [%3$s] %5$s%6$s%n");
        }
        EntrypointSettings settings = EntrypointSettings.from(System.getenv());
        if (System.getProperty("http.maxConnections") == null) {
            // The JDK's HTTP client keeps 5 idle connections per host by default; each handler thread
            // may be making a call to the gateway, so keep one per thread.
            System.setProperty("http.maxConnections", Integer.toString(settings.threads));
        }
        AbstractHandler handler = HandlerLoader.load();
        FunctionServer server = FunctionServer.create(handler, settings);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "entrypoint-shutdown"));
        LOG.info("[entrypoint] " + handler.getClass().getName() + " listening on port " + server.port());
    }
}
