package io.cacifo.devstack.http;

import com.sun.net.httpserver.Headers;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The request line and headers of one HTTP/1.x request, read from a connection ({@link ConnectionServer}). */
final class HttpRequestHead {
    /** Longest request line or header line, and most header lines, as the JDK server and Go allow about as much. */
    static final int MAX_LINE = 16 * 1024;
    static final int MAX_HEADERS = 200;

    /** Not HTTP: the connection gets a 400 and is closed. */
    static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }

    private final String method;
    private final URI uri;
    private final String protocol;
    private final Headers headers;

    private HttpRequestHead(String method, URI uri, String protocol, Headers headers) {
        this.method = method;
        this.uri = uri;
        this.protocol = protocol;
        this.headers = headers;
    }

    /** The next request's head; null when the connection closed before one began. */
    static HttpRequestHead read(InputStream in) throws IOException {
        String line = line(in);
        while (line != null && line.isEmpty()) {
            line = line(in); // RFC 9112 2.2: empty lines before a request line are ignored
        }
        if (line == null) {
            return null;
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
            throw new Malformed("not an HTTP/1.x request line");
        }
        URI uri;
        try {
            uri = new URI(parts[1]);
        } catch (URISyntaxException e) {
            throw new Malformed("unreadable request target");
        }
        Headers headers = new Headers();
        for (int count = 0; ; count++) {
            String header = line(in);
            if (header == null) {
                throw new Malformed("the connection closed inside the headers");
            }
            if (header.isEmpty()) {
                break;
            }
            int colon = header.indexOf(':');
            if (colon <= 0 || count >= MAX_HEADERS) {
                throw new Malformed("malformed or too many headers");
            }
            headers.add(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        return new HttpRequestHead(parts[0], uri, parts[2], headers);
    }

    /** One line without its CRLF (or bare LF); null at the end of the stream before any byte. */
    private static String line(InputStream in) throws IOException {
        byte[] buffer = new byte[128];
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (length == 0) {
                    return null;
                }
                throw new Malformed("the connection closed inside a line");
            }
            if (b == '\n') {
                if (length > 0 && buffer[length - 1] == '\r') {
                    length--;
                }
                return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (length == MAX_LINE) {
                throw new Malformed("a line longer than " + MAX_LINE + " bytes");
            }
            if (length == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.min(MAX_LINE, buffer.length * 2));
            }
            buffer[length++] = (byte) b;
        }
    }

    String method() {
        return method;
    }

    URI uri() {
        return uri;
    }

    String path() {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    String protocol() {
        return protocol;
    }

    Headers headers() {
        return headers;
    }

    /** Whether the caller keeps the connection: HTTP/1.1 unless it says close, HTTP/1.0 only when it asks. */
    boolean keepAlive() {
        String connection = String.join(",", headers.getOrDefault("Connection", java.util.List.of()))
                .toLowerCase(Locale.ROOT);
        return "HTTP/1.0".equals(protocol) ? connection.contains("keep-alive") : !connection.contains("close");
    }
}
