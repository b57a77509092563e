package io.cacifo.devstack.gateway;

import io.cacifo.kit.http.BlockingHttp;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * What faasd's NATS queue and queue-worker do for {@code /async-function/}: the call runs later,
 * on a bounded pool, and when the caller gave an {@code X-Callback-Url} the function's reply is
 * POSTed there with {@code X-Call-Id} and {@code X-Function-Status}. Unlike NATS nothing survives
 * a restart of the devstack.
 */
public final class AsyncInvocations implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AsyncInvocations.class.getName());
    private static final Duration CALLBACK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final FunctionProxy proxy;
    private final GatewayMetrics metrics;
    private final ThreadPoolExecutor pool;

    public AsyncInvocations(FunctionProxy proxy, GatewayMetrics metrics, int threads, int queue) {
        this.proxy = proxy;
        this.metrics = metrics;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                runnable -> {
                    Thread thread = new Thread(runnable, "async-invocation-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** The callback address, if the header holds an absolute http(s) URL; empty when absent; throws when malformed. */
    public static Optional<URI> callbackUrl(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(header.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (java.net.URISyntaxException malformed) {
            // Falls through to the same refusal as a non-http URL.
        }
        throw new IllegalArgumentException("X-Callback-Url must be an absolute http or https URL");
    }

    /** Queues the call; false when the queue is full (the caller should answer 503 and not 202). */
    public boolean submit(String callId, Invocation call, Optional<URI> callback) {
        Invocation withId = call.withHeader("X-Call-Id", callId);
        try {
            pool.execute(() -> run(callId, withId, callback));
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    private void run(String callId, Invocation call, Optional<URI> callback) {
        long started = System.nanoTime();
        FunctionReply reply = proxy.forward(call);
        double seconds = (System.nanoTime() - started) / 1e9;
        metrics.record(call.function(), reply.status(), seconds);
        callback.ifPresent(url -> sendCallback(url, callId, call.function(), reply, seconds));
    }

    private void sendCallback(URI url, String callId, String function, FunctionReply reply, double seconds) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Call-Id", List.of(callId));
        headers.put("X-Function-Status", List.of(Integer.toString(reply.status())));
        headers.put("X-Function-Name", List.of(function));
        headers.put("X-Duration-Seconds", List.of(String.format(Locale.ROOT, "%.6f", seconds)));
        String contentType = reply.contentType();
        if (contentType != null) {
            headers.put("Content-Type", List.of(contentType));
        }
        try {
            BlockingHttp.Reply answer = BlockingHttp.send(url, "POST", headers, reply.body(), CONNECT_TIMEOUT, CALLBACK_TIMEOUT);
            if (answer.status() >= 300) {
                LOG.warning("[async] callback for call " + callId + " to " + url + " answered " + answer.status());
            }
        } catch (IOException e) {
            LOG.warning("[async] callback for call " + callId + " to " + url + " failed: " + e);
        }
    }

    /** Drops queued calls and interrupts running ones; the devstack is going away. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
