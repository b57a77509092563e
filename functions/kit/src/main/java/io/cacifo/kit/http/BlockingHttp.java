package io.cacifo.kit.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP/1.1 request, answered on the calling thread: every outgoing call of the locker (a
 * function calling the gateway, door-io calling the lock board, the controller calling the
 * back-end, the devstack's gateway calling a function) goes through here.
 *
 * <p>Why {@link HttpURLConnection} and not {@code java.net.http}: the locker's calls are few,
 * small and synchronous. {@code java.net.http} answers a blocking {@code send} through its selector
 * thread and executor (two thread hand-offs a call: about 0.2 ms more per hop on this project's
 * machine) and loads a module's worth of classes: a JVM that made 200 calls with it had 16 MB more
 * RSS than one that made them here (docs/performance.md). The JDK's keep-alive cache reuses
 * connections whose reply was read to the end, which this class does for every reply it accepts.
 *
 * <p>A reply body longer than {@link #MAX_REPLY_BYTES} is refused, not read: the call fails with
 * {@link ReplyTooLarge} (an {@link IOException}, so callers treat it as the server being unusable)
 * and the connection is closed. On closing a chunked reply early the JDK still reads, once, what the
 * socket has already received (at most the kernel's receive buffer), never the rest.
 *
 * <p>No redirects are followed, no proxy is used, nothing is cached. A request body is buffered,
 * not streamed: in streaming mode the JDK drops the body of a 401 reply, and the locker's 401s carry
 * a JSON error that callers pass on. The JDK then sends a request again, once, when a kept-alive
 * connection turns out to have been closed before any reply came; it drops idle connections after
 * 5 s, well before the functions' server closes them (30 s), so that is a crash's case. A call
 * blocked on its socket does not end on {@link Thread#interrupt()}; its timeouts bound it.
 */
public final class BlockingHttp {
    /** What {@link HttpURLConnection} sends; anything else (PATCH, say) goes through {@link OtherMethods}. */
    private static final Set<String> SENDABLE = Set.of("GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");
    /** Methods that carry no request body here: {@link HttpURLConnection} turns a GET with a body into a POST. */
    private static final Set<String> NO_BODY = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private BlockingHttp() {
    }

    /** The reply: status, headers (names as the server sent them) and the whole body. */
    public static final class Reply {
        private final int status;
        private final Map<String, List<String>> headers;
        private final byte[] body;

        Reply(int status, Map<String, List<String>> headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public Map<String, List<String>> headers() {
            return headers;
        }

        public byte[] body() {
            return body;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The server took the request but sent no reply within the timeout. */
    public static final class NoReplyInTime extends IOException {
        NoReplyInTime(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The longest reply body read (1 MiB). The locker's own replies are a few KiB (a page of 500
     * rows is the largest); a longer body is a broken or hostile server, and reading it whole could
     * exhaust a function's small heap.
     */
    public static final int MAX_REPLY_BYTES = 1024 * 1024;

    /** The reply body is longer than {@link #MAX_REPLY_BYTES}; it was not read and the connection is closed. */
    public static final class ReplyTooLarge extends IOException {
        ReplyTooLarge(URI uri) {
            super("the reply from " + uri.getHost() + ":" + uri.getPort() + " is longer than " + MAX_REPLY_BYTES
                    + " bytes");
        }
    }

    /** No connection within the connect timeout, or refused (nothing listens). */
    public static final class NotConnected extends IOException {
        NotConnected(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A POST of {@code body} as UTF-8 JSON. */
    public static Reply postJson(URI uri, Map<String, String> headers, String json, Duration connectTimeout,
                                 Duration timeout) throws IOException {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("Content-Type", List.of(Replies.JSON));
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return send(uri, "POST", all, json.getBytes(StandardCharsets.UTF_8), connectTimeout, timeout);
    }

    /**
     * Sends {@code method} to {@code uri} with {@code headers} and {@code body} (ignored for GET,
     * HEAD, OPTIONS and TRACE) and reads the whole reply. {@code timeout} bounds each wait for the
     * server once connected. Headers the JDK sets itself (Host, Content-Length, Connection and the
     * like) are its own, whatever {@code headers} says.
     *
     * <p>Failure behaviour: {@link NotConnected} when no connection could be made,
     * {@link NoReplyInTime} when the reply did not come in time, {@link ReplyTooLarge} when its body
     * is longer than {@link #MAX_REPLY_BYTES}, another {@link IOException} when the connection broke;
     * {@link IllegalArgumentException} for a method that is not an HTTP token.
     * Any HTTP status is a {@link Reply}.
     */
    public static Reply send(URI uri, String method, Map<String, List<String>> headers, byte[] body,
                             Duration connectTimeout, Duration timeout) throws IOException {
        if (!SENDABLE.contains(method)) {
            return OtherMethods.send(uri, method, headers, body, connectTimeout, timeout);
        }
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        connection.setRequestMethod(method);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout(millis(connectTimeout));
        connection.setReadTimeout(millis(timeout));
        headers.forEach((name, values) -> values.forEach(value -> connection.addRequestProperty(name, value)));
        boolean sendsBody = !NO_BODY.contains(method) && (body.length > 0 || "POST".equals(method) || "PUT".equals(method));
        if (sendsBody) {
            connection.setDoOutput(true);
        }
        try {
            connection.connect();
        } catch (IOException e) {
            throw new NotConnected("no connection to " + uri.getHost() + ":" + uri.getPort() + ": " + e.getMessage(), e);
        }
        try {
            if (sendsBody) {
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            return new Reply(status, headersOf(connection), bodyOf(connection, status, method, uri));
        } catch (SocketTimeoutException e) {
            connection.disconnect();
            throw new NoReplyInTime("no reply from " + uri.getHost() + ":" + uri.getPort() + " within "
                    + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            // Also what ends a reply that is too long: the rest is never read, the socket is closed.
            connection.disconnect();
            throw e;
        }
    }

    private static byte[] bodyOf(HttpURLConnection connection, int status, String method, URI uri) throws IOException {
        if ("HEAD".equals(method)) {
            return new byte[0];
        }
        if (connection.getContentLengthLong() > MAX_REPLY_BYTES) {
            throw new ReplyTooLarge(uri);
        }
        // Read to the end and closed, so the JDK keeps the connection for the next call.
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            return in == null ? new byte[0] : capped(in, uri);
        }
    }

    /** At most {@link #MAX_REPLY_BYTES} of {@code in}; one byte more and the reply is refused unread. */
    private static byte[] capped(InputStream in, URI uri) throws IOException {
        byte[] body = in.readNBytes(MAX_REPLY_BYTES + 1);
        if (body.length > MAX_REPLY_BYTES) {
            throw new ReplyTooLarge(uri);
        }
        return body;
    }

    private static Map<String, List<String>> headersOf(HttpURLConnection connection) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null) {
                // The JDK's header map is read-only and may list repeated headers in either order.
                headers.put(name, new ArrayList<>(values));
            }
        });
        return headers;
    }

    private static int millis(Duration duration) {
        long millis = duration.toMillis();
        // 0 would mean "wait for ever" to the JDK.
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
    }

    /**
     * Methods {@link HttpURLConnection} refuses to send (PATCH, or any other token). Only the
     * devstack's gateway meets them, passing on whatever a caller sent as faasd does; the
     * {@code java.net.http} client is made the first time one comes, so a function never loads it.
     */
    private static final class OtherMethods {
        private static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        static Reply send(URI uri, String method, Map<String, List<String>> headers, byte[] body,
                          Duration connectTimeout, Duration timeout) throws IOException {
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .method(method, body.length == 0
                            ? java.net.http.HttpRequest.BodyPublishers.noBody()
                            : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach((name, values) -> values.forEach(value -> {
                try {
                    request.header(name, value);
                } catch (IllegalArgumentException setByTheClient) {
                    // Host, Content-Length, Connection and the like: the client's own value goes.
                }
            }));
            try {
                java.net.http.HttpResponse<byte[]> response = CLIENT.send(request.build(),
                        info -> new CappedBody(MAX_REPLY_BYTES,
                                info.headers().firstValueAsLong("Content-Length").orElse(0)));
                Map<String, List<String>> replyHeaders = new LinkedHashMap<>();
                response.headers().map().forEach((name, values) -> replyHeaders.put(name, new ArrayList<>(values)));
                return new Reply(response.statusCode(), replyHeaders, response.body());
            } catch (java.net.http.HttpConnectTimeoutException | java.net.ConnectException e) {
                throw new NotConnected("no connection to " + uri.getHost() + ":" + uri.getPort() + ": " + e.getMessage(), e);
            } catch (java.net.http.HttpTimeoutException e) {
                throw new NoReplyInTime("no reply from " + uri.getHost() + ":" + uri.getPort() + " within "
                        + timeout.toMillis() + " ms", e);
            } catch (IOException e) {
                // The client wraps what the body subscriber failed with.
                if (e.getCause() instanceof CappedBody.TooLong) {
                    throw new ReplyTooLarge(uri);
                }
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while calling " + uri.getHost() + ":" + uri.getPort());
            }
        }
    }
}
