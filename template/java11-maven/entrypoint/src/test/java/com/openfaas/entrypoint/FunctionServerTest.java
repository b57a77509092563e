package com.openfaas.entrypoint;

import com.openfaas.model.AbstractHandler;
import com.openfaas.model.IRequest;
import com.openfaas.model.IResponse;
import com.openfaas.model.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunctionServerTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private FunctionServer server;

    private String start(AbstractHandler handler, int maxBody) throws Exception {
        server = FunctionServer.bind(new EntrypointSettings(0, 4, 8, maxBody));
        server.serve(handler);
        return "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private HttpResponse<String> post(String url, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static IResponse reply(int status, String body) {
        Response response = new Response();
        response.setStatusCode(status);
        response.setContentType("application/json");
        response.setBody(body);
        return response;
    }

    @Test
    void the_handler_sees_body_query_path_and_headers_whatever_their_case() throws Exception {
        String url = start(new AbstractHandler() {
            @Override
            public IResponse Handle(IRequest req) {
                return reply(201, req.getBody() + "|" + req.getQueryRaw() + "|" + req.getPathRaw()
                        + "|" + req.getHeader("X-Signature") + "|" + req.getHeader("x-signature")
                        + "|" + req.getHeader("x-http-method"));
            }
        }, 1024);

        HttpResponse<String> got = post(url + "/sub?action=get", "{\"id\":1}", "X-Signature", "abc",
                "X-Http-Method", "GET");

        assertEquals(201, got.statusCode());
        assertEquals("{\"id\":1}|action=get|/sub|abc|abc|POST", got.body(), "a client cannot choose the method header");
        assertEquals("application/json", got.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void an_exception_in_the_handler_becomes_a_json_500_without_the_stack_trace() throws Exception {
        String url = start(new AbstractHandler() {
            @Override
            public IResponse Handle(IRequest req) {
                throw new IllegalStateException("secret detail from deep inside");
            }
        }, 1024);

        HttpResponse<String> got = post(url, "{}");

        assertEquals(500, got.statusCode());
        assertEquals("{\"error\":\"internal\",\"message\":\"the function failed; see its log\"}", got.body());
        assertFalse(got.body().contains("secret detail"), got.body());
        assertTrue(got.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void a_body_over_the_limit_is_refused_with_413_and_never_reaches_the_handler() throws Exception {
        CountDownLatch called = new CountDownLatch(1);
        String url = start(new AbstractHandler() {
            @Override
            public IResponse Handle(IRequest req) {
                called.countDown();
                return reply(200, "{}");
            }
        }, 100);

        HttpResponse<String> got = post(url, "x".repeat(101));

        assertEquals(413, got.statusCode());
        assertTrue(got.body().contains("\"error\":\"payload_too_large\""), got.body());
        assertEquals(1, called.getCount(), "the handler must not be called");
    }

    @Test
    void a_body_just_over_the_default_drain_amount_still_gets_its_413_not_a_reset() throws Exception {
        String url = start(new AbstractHandler() {
            @Override
            public IResponse Handle(IRequest req) {
                return reply(200, "{}");
            }
        }, 64 * 1024);

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> got = post(url, "x".repeat(70_000));
            assertEquals(413, got.statusCode(), "try " + i);
        }
    }

    @Test
    void a_blocked_call_does_not_stall_the_next_one() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        String url = start(new AbstractHandler() {
            @Override
            public IResponse Handle(IRequest req) {
                if ("block".equals(req.getQueryRaw())) {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return reply(200, "{\"q\":\"" + req.getQueryRaw() + "\"}");
            }
        }, 1024);

        CompletableFuture<HttpResponse<String>> blocked = client.sendAsync(
                HttpRequest.newBuilder(URI.create(url + "?block")).POST(HttpRequest.BodyPublishers.ofString("")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> quick = post(url + "?quick", "");

        assertEquals(200, quick.statusCode());
        assertFalse(blocked.isDone(), "the blocked call should still be waiting");
        release.countDown();
        assertEquals(200, blocked.get(5, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void a_handler_without_a_content_type_still_gets_one_on_the_wire() throws Exception {
        String url = start(new AbstractHandler() {
            @Override
            public IResponse Handle(IRequest req) {
                Response response = new Response();
                response.setBody("plain");
                return response;
            }
        }, 1024);

        HttpResponse<String> got = post(url, "");

        assertEquals(200, got.statusCode());
        assertTrue(got.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }

    @Test
    void a_malformed_query_is_a_400_not_a_500() throws Exception {
        String url = start(new AbstractHandler() {
            @Override
            public IResponse Handle(IRequest req) {
                return reply(200, "{}");
            }
        }, 1024);

        // java.net.http will not send a bad escape, so speak HTTP over a socket.
        String got;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("POST /?action=%zz HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                    + "Connection: close\r\n\r\n{}").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            got = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        // The JDK server itself refuses a URI it cannot parse; the entrypoint's own 400 covers what
        // it lets through but Request's decoder refuses. Either way: a 400, never a 500.
        assertTrue(got.startsWith("HTTP/1.1 400"), got);
    }

    @Test
    void settings_that_are_not_numbers_fail_start_up() {
        IllegalArgumentException thrown = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> EntrypointSettings.from(java.util.Map.of("upstream_port", "eighty")));
        assertTrue(thrown.getMessage().contains("upstream_port"));
    }

    @Test
    void health_answers_get_without_the_handler_and_nothing_else() throws Exception {
        String url = start(new AbstractHandler() {
            @Override
            public IResponse Handle(IRequest request) {
                throw new AssertionError("the handler is not asked for /health");
            }
        }, 1024);
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(url + "/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"ok\"}", health.body());
        assertEquals(405, post(url + "/health", "{}").statusCode());
        assertEquals(404, client.send(HttpRequest.newBuilder(URI.create(url + "/healthz")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }
}
