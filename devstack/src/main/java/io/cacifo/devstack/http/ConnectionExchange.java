package io.cacifo.devstack.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request on a {@link ConnectionServer} connection, as the JDK's {@link HttpExchange}, so the
 * same handlers serve on either server. Replies as the JDK server does: a length given to
 * {@link #sendResponseHeaders} is sent as Content-Length, 0 as a chunked body, -1 as no body.
 */
final class ConnectionExchange extends HttpExchange {
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.US);
    /** A request body refused unread is skipped up to this much to keep the connection; beyond, it closes. */
    private static final long DRAIN_BYTES = 1024 * 1024;

    private final HttpRequestHead head;
    private final OutputStream connectionOut;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final Headers responseHeaders = new Headers();
    private final Map<String, Object> attributes = new HashMap<>();
    private final RequestBody requestBody;
    private InputStream in;
    private OutputStream out;
    private int responseCode = -1;
    private boolean closeAfter;
    private ReplyBody replyBody;

    ConnectionExchange(HttpRequestHead head, InputStream connectionIn, OutputStream connectionOut,
                       InetSocketAddress local, InetSocketAddress remote) throws IOException {
        this.head = head;
        this.connectionOut = connectionOut;
        this.local = local;
        this.remote = remote;
        this.closeAfter = !head.keepAlive();
        this.requestBody = RequestBody.of(head.headers(), connectionIn, this::continueIfAsked);
        this.in = requestBody;
    }

    /** "Expect: 100-continue": the caller waits for this before it sends the body, so say it when the body is read. */
    private void continueIfAsked() throws IOException {
        String expect = head.headers().getFirst("Expect");
        if (expect != null && expect.equalsIgnoreCase("100-continue") && responseCode < 0) {
            connectionOut.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            connectionOut.flush();
        }
    }

    @Override
    public Headers getRequestHeaders() {
        return head.headers();
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return head.uri();
    }

    @Override
    public String getRequestMethod() {
        return head.method();
    }

    @Override
    public HttpContext getHttpContext() {
        throw new UnsupportedOperationException("no HttpContext on a ConnectionServer");
    }

    @Override
    public InputStream getRequestBody() {
        return in;
    }

    @Override
    public OutputStream getResponseBody() {
        if (out == null) {
            throw new IllegalStateException("sendResponseHeaders comes first");
        }
        return out;
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (responseCode >= 0) {
            throw new IOException("headers already sent");
        }
        responseCode = code;
        boolean bodiless = "HEAD".equals(head.method()) || code < 200 || code == 204 || code == 304;
        StringBuilder text = new StringBuilder(256).append("HTTP/1.1 ").append(code).append(' ')
                .append(reason(code)).append("\r\n");
        responseHeaders.remove("Content-Length");
        responseHeaders.remove("Transfer-Encoding");
        if (!responseHeaders.containsKey("Date")) {
            responseHeaders.set("Date", DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        }
        if (bodiless) {
            if ("HEAD".equals(head.method()) && length > 0) {
                responseHeaders.set("Content-Length", Long.toString(length));
            }
            replyBody = ReplyBody.none(connectionOut);
        } else if (length > 0) {
            responseHeaders.set("Content-Length", Long.toString(length));
            replyBody = ReplyBody.fixed(connectionOut, length);
        } else if (length == 0) {
            responseHeaders.set("Transfer-Encoding", "chunked");
            replyBody = ReplyBody.chunked(connectionOut);
        } else {
            responseHeaders.set("Content-Length", "0");
            replyBody = ReplyBody.none(connectionOut);
        }
        if (closeAfter) {
            responseHeaders.set("Connection", "close");
        }
        for (Map.Entry<String, List<String>> header : responseHeaders.entrySet()) {
            for (String value : header.getValue()) {
                text.append(header.getKey()).append(": ").append(value).append("\r\n");
            }
        }
        text.append("\r\n");
        connectionOut.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        out = replyBody;
        if (replyBody.complete()) {
            connectionOut.flush();
        }
    }

    /** Ends the exchange: the reply finished (or the connection marked to close) and the request body skipped. */
    @Override
    public void close() {
        try {
            if (replyBody == null) {
                sendResponseHeaders(500, -1);
                closeAfter = true;
            }
            replyBody.close();
        } catch (IOException e) {
            closeAfter = true;
        }
    }

    /** After the handler: true when the connection can carry the next request. */
    boolean finish() throws IOException {
        close();
        if (!replyBody.complete()) {
            return false;
        }
        connectionOut.flush();
        return !closeAfter && requestBody.skipRest(DRAIN_BYTES);
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return remote;
    }

    @Override
    public int getResponseCode() {
        return responseCode;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return local;
    }

    @Override
    public String getProtocol() {
        return head.protocol();
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        if (i != null) {
            in = i;
        }
        if (o != null) {
            out = o;
        }
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }

    private static String reason(int code) {
        switch (code) {
            case 100: return "Continue";
            case 200: return "OK";
            case 201: return "Created";
            case 202: return "Accepted";
            case 204: return "No Content";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 409: return "Conflict";
            case 413: return "Payload Too Large";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return "Status";
        }
    }

    /** The request's body: Content-Length bytes, chunks, or nothing. */
    private static final class RequestBody extends InputStream {
        interface BeforeFirstRead {
            void run() throws IOException;
        }

        private final InputStream connection;
        private final boolean chunked;
        private final BeforeFirstRead beforeFirstRead;
        private long left;
        private boolean started;
        private boolean ended;

        private RequestBody(InputStream connection, boolean chunked, long length, BeforeFirstRead beforeFirstRead) {
            this.connection = connection;
            this.chunked = chunked;
            this.left = chunked ? 0 : length;
            this.ended = !chunked && length == 0;
            this.beforeFirstRead = beforeFirstRead;
        }

        static RequestBody of(Headers headers, InputStream connection, BeforeFirstRead beforeFirstRead) throws IOException {
            String encoding = headers.getFirst("Transfer-Encoding");
            if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                return new RequestBody(connection, true, 0, beforeFirstRead);
            }
            String length = headers.getFirst("Content-Length");
            try {
                long bytes = length == null ? 0 : Long.parseLong(length.trim());
                if (bytes < 0) {
                    throw new HttpRequestHead.Malformed("negative Content-Length");
                }
                return new RequestBody(connection, false, bytes, beforeFirstRead);
            } catch (NumberFormatException e) {
                throw new HttpRequestHead.Malformed("unreadable Content-Length");
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (!started) {
                started = true;
                beforeFirstRead.run();
            }
            if (left == 0 && chunked && !nextChunk()) {
                return -1;
            }
            int n = connection.read(buffer, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new IOException("the connection closed inside the request body");
            }
            left -= n;
            if (left == 0 && !chunked) {
                ended = true;
            }
            return n;
        }

        /** Reads the next chunk's size line (after the last chunk's CRLF); false at the last chunk. */
        private boolean nextChunk() throws IOException {
            if (started && left == 0 && sawChunk) {
                expectCrlf();
            }
            String size = chunkLine();
            int semicolon = size.indexOf(';');
            try {
                left = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new HttpRequestHead.Malformed("unreadable chunk size");
            }
            sawChunk = true;
            if (left == 0) {
                while (!chunkLine().isEmpty()) {
                    // Trailers are dropped.
                }
                ended = true;
                return false;
            }
            return true;
        }

        private boolean sawChunk;

        private void expectCrlf() throws IOException {
            if (!chunkLine().isEmpty()) {
                throw new HttpRequestHead.Malformed("a chunk longer than its size");
            }
        }

        private String chunkLine() throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                int b = connection.read();
                if (b < 0) {
                    throw new IOException("the connection closed inside a chunked body");
                }
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                if (line.length() > HttpRequestHead.MAX_LINE) {
                    throw new HttpRequestHead.Malformed("a chunk line too long");
                }
                line.append((char) b);
            }
        }

        /** Skips what the handler left unread, up to {@code max} bytes; false when more was left (close instead). */
        boolean skipRest(long max) throws IOException {
            if (ended) {
                return true;
            }
            if (!started && !chunked && left > max) {
                return false; // never asked for with 100-continue, or too long: not worth reading
            }
            byte[] buffer = new byte[8192];
            long skipped = 0;
            while (!ended) {
                int n = read(buffer, 0, buffer.length);
                if (n < 0) {
                    return true;
                }
                skipped += n;
                if (skipped > max) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() {
            // The connection stays open for the next request; finish() skips what is left.
        }
    }

    /** The reply's body as the length given says: exactly that many bytes, chunks, or none. */
    private abstract static class ReplyBody extends FilterOutputStream {
        ReplyBody(OutputStream connection) {
            super(connection);
        }

        abstract boolean complete();

        static ReplyBody none(OutputStream connection) {
            return new ReplyBody(connection) {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException("this reply has no body");
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (len > 0) {
                        throw new IOException("this reply has no body");
                    }
                }

                @Override
                boolean complete() {
                    return true;
                }

                @Override
                public void close() {
                    // Nothing to end.
                }
            };
        }

        static ReplyBody fixed(OutputStream connection, long length) {
            return new ReplyBody(connection) {
                private long left = length;

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (len > left) {
                        throw new IOException("more than the " + length + " bytes announced");
                    }
                    out.write(b, off, len);
                    left -= len;
                }

                @Override
                boolean complete() {
                    return left == 0;
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            };
        }

        static ReplyBody chunked(OutputStream connection) {
            return new ReplyBody(connection) {
                private boolean ended;

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (ended) {
                        throw new IOException("the reply is closed");
                    }
                    if (len == 0) {
                        return;
                    }
                    out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(b, off, len);
                    out.write(CRLF);
                }

                @Override
                boolean complete() {
                    return ended;
                }

                @Override
                public void close() throws IOException {
                    if (!ended) {
                        ended = true;
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                }
            };
        }

        private static final byte[] CRLF = {'\r', '\n'};
    }
}
