package io.cacifo.devstack.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-thread-per-connection server on the wire: keep-alive, bodies either way, contexts, limits, stop. */
class ConnectionServerTest {
    private ConnectionServer server;
    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void start() {
        server = ConnectionServer.bind("test", 0, 8);
        server.createContext("/", exchange -> {
            Exchanges.text(exchange, 404, "none\n");
            exchange.close();
        });
        server.createContext("/echo", exchange -> {
            byte[] body = Exchanges.body(exchange);
            synchronized (seen) {
                seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                        + exchange.getRequestHeaders().getFirst("X-Thing"));
            }
            Exchanges.send(exchange, 200, "text/plain", body);
            exchange.close();
        });
        server.createContext("/echo/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ab".getBytes(StandardCharsets.UTF_8));
                out.write("cd".getBytes(StandardCharsets.UTF_8));
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Status line, headers (lower-case names) and a body of Content-Length bytes or chunks. */
    private static String[] reply(BufferedReader in) throws IOException {
        String status = in.readLine();
        if (status == null) {
            return null;
        }
        int length = 0;
        boolean chunked = false;
        StringBuilder headers = new StringBuilder();
        for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
            headers.append(line.toLowerCase()).append('\n');
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
            if (line.equalsIgnoreCase("transfer-encoding: chunked")) {
                chunked = true;
            }
        }
        StringBuilder body = new StringBuilder();
        if (chunked) {
            for (int size = Integer.parseInt(in.readLine(), 16); size > 0; size = Integer.parseInt(in.readLine(), 16)) {
                char[] chunk = new char[size];
                assertEquals(size, in.read(chunk, 0, size));
                body.append(chunk);
                in.readLine();
            }
            in.readLine();
        } else {
            char[] chars = new char[length];
            int read = 0;
            while (read < length) {
                read += in.read(chars, read, length - read);
            }
            body.append(chars);
        }
        return new String[] {status, headers.toString(), body.toString()};
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void one_connection_carries_one_request_after_another_to_the_longest_matching_context() throws IOException {
        try (Socket socket = connect()) {
            BufferedReader in = reader(socket);
            send(socket, "POST /echo/x?a=1 HTTP/1.1\r\nHost: h\r\nX-Thing: one\r\nContent-Length: 5\r\n\r\nhello");
            String[] first = reply(in);
            send(socket, "GET /elsewhere HTTP/1.1\r\nHost: h\r\n\r\n");
            String[] second = reply(in);
            send(socket, "GET /echo/chunked HTTP/1.1\r\nHost: h\r\n\r\n");
            String[] third = reply(in);

            assertEquals("HTTP/1.1 200 OK", first[0]);
            assertEquals("hello", first[2]);
            assertTrue(first[1].contains("date: "), first[1]);
            assertEquals("HTTP/1.1 404 Not Found", second[0]);
            assertEquals("abcd", third[2]);
            assertEquals(List.of("POST /echo/x?a=1 one"), seen);
        }
    }

    @Test
    void a_chunked_request_body_is_read_whole() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n");
            assertEquals("abcde", reply(reader(socket))[2]);
        }
    }

    @Test
    void a_caller_that_expects_100_continue_hears_it_before_sending_the_body() throws IOException {
        try (Socket socket = connect()) {
            BufferedReader in = reader(socket);
            send(socket, "POST /echo HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
            assertEquals("HTTP/1.1 100 Continue", in.readLine());
            assertEquals("", in.readLine());
            send(socket, "ok");
            assertEquals("ok", reply(in)[2]);
        }
    }

    @Test
    void connection_close_is_honoured_after_the_reply() throws IOException {
        try (Socket socket = connect()) {
            BufferedReader in = reader(socket);
            send(socket, "GET /echo HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            String[] reply = reply(in);
            assertTrue(reply[1].contains("connection: close"), reply[1]);
            assertNull(in.readLine());
        }
    }

    @Test
    void a_head_request_gets_no_body_and_garbage_gets_a_400() throws IOException {
        try (Socket socket = connect()) {
            BufferedReader in = reader(socket);
            send(socket, "HEAD /echo HTTP/1.1\r\nHost: h\r\n\r\nGET /echo HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("HTTP/1.1 200 OK", reply(in)[0]);
            assertEquals("HTTP/1.1 200 OK", reply(in)[0]);
        }
        try (Socket socket = connect()) {
            send(socket, "this is not http\r\n\r\n");
            assertEquals("HTTP/1.1 400 Bad Request", reader(socket).readLine());
        }
    }

    @Test
    void no_more_calls_than_allowed_run_at_once_and_the_rest_wait_their_turn() throws Exception {
        server.close();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        server = ConnectionServer.bind("test", 0, 1);
        server.createContext("/", exchange -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            Exchanges.text(exchange, 200, "done");
            exchange.close();
        });
        server.start();
        try (Socket first = connect(); Socket second = connect()) {
            send(first, "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
            send(second, "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
            Thread.sleep(200);
            release.countDown();
            assertEquals("done", reply(reader(first))[2]);
            assertEquals("done", reply(reader(second))[2]);
        }
        assertEquals(1, most.get());
    }

    @Test
    void closing_the_server_cuts_kept_alive_connections() throws IOException {
        try (Socket socket = connect()) {
            BufferedReader in = reader(socket);
            send(socket, "GET /echo HTTP/1.1\r\nHost: h\r\n\r\n");
            reply(in);
            server.close();
            boolean cut;
            try {
                cut = in.readLine() == null;
            } catch (IOException reset) {
                cut = true;
            }
            assertTrue(cut);
        }
    }
}
