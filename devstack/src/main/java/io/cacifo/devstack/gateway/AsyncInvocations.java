package io.cacifo.devstack.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
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

    private final FunctionProxy proxy;
    private final GatewayMetrics metrics;
    private final HttpClient client;
    private final ThreadPoolExecutor pool;

    public AsyncInvocations(FunctionProxy proxy, GatewayMetrics metrics, HttpClient client, int threads, int queue) {
        this.proxy = proxy;
        this.metrics = metrics;
        this.client = client;
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
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(CALLBACK_TIMEOUT)
                .header("X-Call-Id", callId)
                .header("X-Function-Status", Integer.toString(reply.status()))
                .header("X-Function-Name", function)
                .header("X-Duration-Seconds", String.format(Locale.ROOT, "%.6f", seconds))
                .POST(HttpRequest.BodyPublishers.ofByteArray(reply.body()));
        String contentType = reply.contentType();
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<Void> answer = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() >= 300) {
                LOG.warning("[async] callback for call " + callId + " to " + url + " answered " + answer.statusCode());
            }
        } catch (IOException e) {
            LOG.warning("[async] callback for call " + callId + " to " + url + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drops queued calls and interrupts running ones; the devstack is going away. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
