package com.openfaas.entrypoint;

import com.openfaas.model.AbstractHandler;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * Starts the function: binds 127.0.0.1:8082, where of-watchdog (mode=http) forwards every call,
 * loads the one handler this JVM serves, then answers. The port is bound first because loading the
 * handler (DB pool, secrets, keys) is the slow part: a call that arrives meanwhile waits in the
 * kernel's backlog and is answered, where a closed port would make of-watchdog answer 500.
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
        FunctionServer server = FunctionServer.bind(settings);
        ExitGuard guard = ExitGuard.install(server::stop);
        if (System.getProperty("http.maxConnections") == null) {
            // The JDK's HTTP client keeps 5 idle connections per host by default; each handler thread
            // may be making a call to the gateway, so keep one per thread.
            System.setProperty("http.maxConnections", Integer.toString(settings.threads));
        }
        AbstractHandler handler;
        try {
            handler = HandlerLoader.load();
        } catch (RuntimeException | Error e) {
            // ServiceConfigurationError (the handler's constructor threw) is an Error, as are class-path mistakes.
            guard.fail("[entrypoint] the handler did not start; exiting with status " + ExitGuard.FAILURE, e);
            return;
        }
        server.serve(handler);
        LOG.info("[entrypoint] " + handler.getClass().getName() + " listening on port " + server.port());
    }
}
