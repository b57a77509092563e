package io.cacifo.devstack.http;

import com.sun.net.httpserver.HttpHandler;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * An HTTP/1.1 server with one blocking thread per connection, as Go's net/http (faasd's gateway)
 * serves: the thread that reads a request runs its handler and writes the reply, and then reads the
 * next request on the same connection. The JDK's {@code HttpServer} instead hands every request
 * from its selector thread to a worker and the connection back after the reply: two thread
 * switches a call, most of the devstack gateway's hop (docs/performance.md). Handlers are the JDK's
 * {@link HttpHandler}s, mounted by path prefix as {@code HttpServer.createContext} mounts them.
 *
 * <p>At most {@code maxCalls} requests are handled at once; more wait for a turn (idle kept-alive
 * connections hold no turn). Bound to 127.0.0.1; TCP_NODELAY on every connection.
 */
public final class ConnectionServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConnectionServer.class.getName());
    /** A kept-alive connection idle this long is closed, as the JDK server's idle interval. */
    static final int IDLE_MS = 30_000;

    private final String name;
    private final ServerSocket socket;
    private final Semaphore calls;
    private final ExecutorService connections;
    /** Longest prefix first. */
    private final Map<String, HttpHandler> contexts = new TreeMap<>((a, b) -> a.length() != b.length()
            ? Integer.compare(b.length(), a.length()) : a.compareTo(b));
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    private ConnectionServer(String name, ServerSocket socket, int maxCalls) {
        this.name = name;
        this.socket = socket;
        this.calls = new Semaphore(maxCalls, true);
        AtomicInteger count = new AtomicInteger();
        this.connections = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Binds {@code port} (0: a free one) on 127.0.0.1; serves nothing until {@link #start}. */
    public static ConnectionServer bind(String name, int port, int maxCalls) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            return new ConnectionServer(name, socket, maxCalls);
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind the " + name + " to port " + port
                    + " (is something else listening there?)", e);
        }
    }

    /** Requests whose path starts with {@code prefix} go to {@code handler} (the longest prefix wins). */
    public synchronized void createContext(String prefix, HttpHandler handler) {
        contexts.put(prefix, handler);
    }

    public void start() {
        Thread acceptor = new Thread(this::accept, name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!stopped) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException e) {
                if (!stopped) {
                    LOG.warning("[" + name + "] accept failed: " + e);
                }
                continue;
            }
            open.add(connection);
            if (stopped) {
                closeQuietly(connection);
                return;
            }
            try {
                connections.execute(() -> serve(connection));
            } catch (RuntimeException rejected) {
                closeQuietly(connection);
            }
        }
    }

    private void serve(Socket connection) {
        try {
            connection.setTcpNoDelay(true);
            connection.setSoTimeout(IDLE_MS);
            InputStream in = new BufferedInputStream(connection.getInputStream());
            BufferedOutputStream out = new BufferedOutputStream(connection.getOutputStream());
            while (!stopped) {
                HttpRequestHead head = HttpRequestHead.read(in);
                if (head == null) {
                    return;
                }
                if (!handle(connection, head, in, out)) {
                    return;
                }
            }
        } catch (HttpRequestHead.Malformed e) {
            try {
                connection.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            } catch (IOException ignored) {
                // The caller is gone already.
            }
        } catch (SocketTimeoutException | SocketException idleOrClosed) {
            // An idle connection timed out, or the caller or stop() closed it.
        } catch (IOException e) {
            LOG.fine("[" + name + "] connection ended: " + e);
        } finally {
            open.remove(connection);
            closeQuietly(connection);
        }
    }

    /** Handles one request; false when the connection must close after it. */
    private boolean handle(Socket connection, HttpRequestHead head, InputStream in, BufferedOutputStream out)
            throws IOException {
        HttpHandler handler = handlerFor(head.path());
        ConnectionExchange exchange = new ConnectionExchange(head, in, out,
                (InetSocketAddress) connection.getLocalSocketAddress(),
                (InetSocketAddress) connection.getRemoteSocketAddress());
        try {
            calls.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            handler.handle(exchange);
        } finally {
            calls.release();
        }
        return exchange.finish() && !stopped;
    }

    private synchronized HttpHandler handlerFor(String path) {
        for (Map.Entry<String, HttpHandler> context : contexts.entrySet()) {
            if (path.startsWith(context.getKey())) {
                return context.getValue();
            }
        }
        return exchange -> {
            Exchanges.text(exchange, 404, "404 page not found\n");
            exchange.close();
        };
    }

    /** Stops accepting and cuts every open connection, calls in flight included. */
    @Override
    public void close() {
        stopped = true;
        closeQuietly(socket);
        for (Socket connection : open) {
            closeQuietly(connection);
        }
        connections.shutdownNow();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing what is going anyway.
        }
    }
}
