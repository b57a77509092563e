package io.cacifo.devstack.gateway;

import java.net.URI;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The gateway as faasd runs it, in a container of its own that can stop and start again: stopped,
 * every connection through it is cut and nothing listens on its port; started again, a fresh
 * {@link GatewayServer} (new metrics) serves the same functions on the same port. Once closed,
 * {@link #stop} and {@link #startAgain} throw {@link IllegalStateException}.
 */
public final class RestartableGateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RestartableGateway.class.getName());

    private final FunctionDirectory directory;
    private final Supplier<String> basicAuthPassword;
    private final SecretsFolder secrets;
    /** Volatile: {@link #startAgain} replaces it while tests read its URL. */
    private volatile GatewayServer server;
    /** The port of a stopped gateway; 0 while it runs. */
    private volatile int stoppedPort;
    private boolean closed;

    private RestartableGateway(GatewayServer server, FunctionDirectory directory, Supplier<String> basicAuthPassword,
                               SecretsFolder secrets) {
        this.server = server;
        this.directory = directory;
        this.basicAuthPassword = basicAuthPassword;
        this.secrets = secrets;
    }

    /** As {@link GatewayServer#start}; the password is read again at each start, as faasd's gateway reads its secret. */
    public static RestartableGateway start(int port, FunctionDirectory directory, Supplier<String> basicAuthPassword,
                                           SecretsFolder secrets) {
        return new RestartableGateway(GatewayServer.start(port, directory, basicAuthPassword.get(), secrets), directory,
                basicAuthPassword, secrets);
    }

    /** {@code http://127.0.0.1:<port>}, also while stopped. */
    public URI url() {
        int stopped = stoppedPort;
        return stopped != 0 ? URI.create("http://127.0.0.1:" + stopped) : server.url();
    }

    /** No-op when stopped. */
    public synchronized void stop() {
        requireOpen();
        if (stoppedPort == 0) {
            stoppedPort = server.port();
            server.close();
        }
    }

    /** No-op when it runs. */
    public synchronized void startAgain() {
        requireOpen();
        if (stoppedPort != 0) {
            server = GatewayServer.start(stoppedPort, directory, basicAuthPassword.get(), secrets);
            LOG.info("[devstack] gateway started again on port " + stoppedPort);
            stoppedPort = 0;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the devstack is stopping");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (stoppedPort == 0) {
                server.close();
            }
        }
    }
}
