package io.cacifo.kit.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one way the locker calls out, against a real JDK HTTP server. */
class BlockingHttpTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    /** What a hostile or broken server offers: far more than a function's 16 MB heap holds. */
    private static final long HUGE = 100L * 1024 * 1024;
    private final AtomicLong hugeWritten = new AtomicLong();
    private final CountDownLatch hugeEnded = new CountDownLatch(1);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/echo", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("X-Caller") + " " + body);
            exchange.getResponseHeaders().add("X-Seen", "first");
            exchange.getResponseHeaders().add("X-Seen", "second");
            reply(exchange, 201, "{\"echo\":" + body.length() + "}");
        });
        server.createContext("/refuse", exchange -> {
            exchange.getRequestBody().readAllBytes();
            reply(exchange, 409, "{\"error\":\"duplicate\",\"message\":\"taken\"}");
        });
        server.createContext("/unsigned", exchange -> {
            exchange.getRequestBody().readAllBytes();
            reply(exchange, 401, "{\"error\":\"unauthorized\",\"message\":\"no signature\"}");
        });
        server.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, "{}");
        });
        server.createContext("/huge", exchange -> {
            exchange.getRequestBody().readAllBytes();
            // Streamed, never held: 64 KiB at a time, with or without a Content-Length that says so.
            boolean declared = "declared".equals(exchange.getRequestURI().getQuery());
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(200, declared ? HUGE : 0);
                for (long sent = 0; sent < HUGE; sent += chunk.length) {
                    out.write(chunk);
                    hugeWritten.addAndGet(chunk.length);
                }
            } catch (IOException clientGaveUp) {
                // The client closed the connection: what the test wants to see.
            } finally {
                hugeEnded.countDown();
                exchange.close();
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void a_post_arrives_with_its_method_query_headers_and_body_and_the_whole_reply_comes_back() throws Exception {
        BlockingHttp.Reply reply = BlockingHttp.postJson(base.resolve("/echo?action=insert"), Map.of("X-Caller", "test"),
                "{\"name\":\"Zé\"}", SECOND, SECOND);

        assertEquals(List.of("POST /echo?action=insert test {\"name\":\"Zé\"}"), requests);
        assertEquals(201, reply.status());
        assertEquals("{\"echo\":13}", reply.text());
        assertEquals(List.of("application/json"), reply.headers().get("Content-type"));
    }

    @Test
    void a_repeated_reply_header_keeps_all_its_values() throws Exception {
        BlockingHttp.Reply reply = BlockingHttp.send(base.resolve("/echo"), "GET", Map.of(), new byte[0], SECOND, SECOND);

        assertEquals(Set.of("first", "second"), Set.copyOf(reply.headers().get("X-seen")));
        assertEquals(List.of("GET /echo null "), requests);
    }

    @Test
    void an_error_status_is_a_reply_with_its_body_not_an_exception() throws Exception {
        BlockingHttp.Reply reply = BlockingHttp.postJson(base.resolve("/refuse"), Map.of(), "{}", SECOND, SECOND);

        assertEquals(409, reply.status());
        assertEquals("{\"error\":\"duplicate\",\"message\":\"taken\"}", reply.text());
    }

    @Test
    void a_401_keeps_its_json_body_for_the_caller_to_pass_on() throws Exception {
        BlockingHttp.Reply reply = BlockingHttp.postJson(base.resolve("/unsigned"), Map.of(), "{\"a\":1}", SECOND, SECOND);

        assertEquals(401, reply.status());
        assertEquals("{\"error\":\"unauthorized\",\"message\":\"no signature\"}", reply.text());
    }

    @Test
    void a_get_never_sends_a_body_so_it_stays_a_get() throws Exception {
        BlockingHttp.send(base.resolve("/echo"), "GET", Map.of(), "ignored".getBytes(StandardCharsets.UTF_8), SECOND, SECOND);

        assertEquals(List.of("GET /echo null "), requests);
    }

    @Test
    void calls_one_after_another_share_one_kept_alive_connection() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertEquals(201, BlockingHttp.postJson(base.resolve("/echo"), Map.of(), "{}", SECOND, SECOND).status());
            assertEquals(409, BlockingHttp.postJson(base.resolve("/refuse"), Map.of(), "{}", SECOND, SECOND).status());
        }

        assertEquals(1, clientPorts.size(), clientPorts.toString());
    }

    @Test
    void nothing_listening_is_not_connected() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        BlockingHttp.NotConnected failure = assertThrows(BlockingHttp.NotConnected.class,
                () -> BlockingHttp.postJson(URI.create("http://127.0.0.1:" + closed + "/echo"), Map.of(), "{}", SECOND, SECOND));
        assertTrue(failure.getMessage().contains("127.0.0.1:" + closed), failure.getMessage());
    }

    @Test
    void a_reply_later_than_the_timeout_is_no_reply_in_time_and_the_next_call_still_works() throws Exception {
        assertThrows(BlockingHttp.NoReplyInTime.class,
                () -> BlockingHttp.postJson(base.resolve("/slow"), Map.of(), "{}", SECOND, Duration.ofMillis(300)));

        BlockingHttp.Reply next = BlockingHttp.postJson(base.resolve("/echo"), Map.of(), "{}", SECOND, SECOND);
        assertEquals(201, next.status());
    }

    @Test
    void a_patch_arrives_as_a_patch_with_its_body() throws Exception {
        BlockingHttp.Reply reply = BlockingHttp.send(base.resolve("/echo?x=1"), "PATCH", Map.of("X-Caller", List.of("q")),
                "{}".getBytes(StandardCharsets.UTF_8), SECOND, SECOND);

        assertEquals(201, reply.status());
        assertEquals(List.of("PATCH /echo?x=1 q {}"), requests);
        assertEquals(Set.of("first", "second"), Set.copyOf(reply.headers().get("x-seen")));
    }

    @Test
    void a_method_that_is_no_http_token_is_refused_before_anything_is_sent() {
        assertThrows(IllegalArgumentException.class,
                () -> BlockingHttp.send(base.resolve("/echo"), "GET X", Map.of(), new byte[0], SECOND, SECOND));
        assertEquals(List.of(), requests);
    }

    @Test
    void a_put_and_a_delete_arrive_as_they_are() throws Exception {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

        BlockingHttp.send(base.resolve("/echo"), "PUT", Map.of("X-Caller", List.of("p")), body, SECOND, SECOND);
        BlockingHttp.send(base.resolve("/echo"), "DELETE", Map.of(), new byte[0], SECOND, SECOND);

        assertEquals(List.of("PUT /echo p {\"a\":1}", "DELETE /echo null "), requests);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, chunked", "GET, declared", "POST, chunked", "PATCH, chunked", "PATCH, declared"})
    void a_reply_longer_than_the_cap_fails_at_once_and_its_connection_is_closed(String method, String length)
            throws Exception {
        long started = System.nanoTime();

        BlockingHttp.ReplyTooLarge failure = assertThrows(BlockingHttp.ReplyTooLarge.class,
                () -> BlockingHttp.send(base.resolve("/huge?" + length), method, Map.of(), new byte[0], SECOND,
                        Duration.ofSeconds(30)));

        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(failure.getMessage().contains(Integer.toString(BlockingHttp.MAX_REPLY_BYTES)), failure.getMessage());
        assertTrue(millis < 5_000, "gave up after " + millis + " ms");
        assertTrue(hugeEnded.await(10, TimeUnit.SECONDS), "the server is still writing: the connection was not closed");
        assertTrue(hugeWritten.get() < HUGE, "the server could write the whole reply: " + hugeWritten.get() + " bytes");
        assertEquals(201, BlockingHttp.postJson(base.resolve("/echo"), Map.of(), "{}", SECOND, SECOND).status(),
                "the next call works");
    }

    @Test
    void replies_of_100_mb_one_after_another_do_not_exhaust_a_16_mb_heap() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process client = new ProcessBuilder(java.toString(), "-Xmx16m", "-cp", System.getProperty("java.class.path"),
                HugeReplyClient.class.getName(), base.resolve("/huge").toString())
                .redirectErrorStream(true).start();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(client.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, client.exitValue(), output);
        assertEquals(HugeReplyClient.CALLS, output.lines().filter(line -> line.startsWith("ReplyTooLarge")).count(), output);
    }

    @Test
    void a_reply_of_exactly_the_cap_is_read_whole() throws Exception {
        server.createContext("/full", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = new byte[BlockingHttp.MAX_REPLY_BYTES];
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(body);
            exchange.close();
        });

        BlockingHttp.Reply reply = BlockingHttp.send(base.resolve("/full"), "GET", Map.of(), new byte[0], SECOND, SECOND);

        assertEquals(BlockingHttp.MAX_REPLY_BYTES, reply.body().length);
    }
}
