package io.cacifo.kit.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one stand-in for another party over HTTP, checked over real HTTP. */
class FakeHttpServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private FakeHttpServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String pathAndQuery, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery)).header("X-Cacifo-Signature", "s1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void every_request_is_recorded_raw_in_arrival_order_with_headers_found_ignoring_case() throws Exception {
        server = FakeHttpServer.start("fake-test", request -> FakeHttpServer.Reply.json(201, "{\"ok\":true}"));

        post("/function/door-io?action=open%20now", "{\"door\":4}");
        post("/events", "");

        List<FakeHttpServer.Request> requests = server.requests();
        assertEquals(List.of("POST /function/door-io?action=open%20now {\"door\":4}", "POST /events "),
                requests.stream().map(Object::toString).collect(Collectors.toList()));
        assertEquals("s1", requests.get(0).headers.get("x-cacifo-signature"));
        assertEquals("s1", requests.get(0).headers.get("X-CACIFO-SIGNATURE"));
        assertEquals(null, requests.get(1).query);
        assertEquals(requests.get(0), server.next(Duration.ofSeconds(1)), "next takes them in the same order");
    }

    @Test
    void the_reply_carries_its_status_headers_and_body_and_an_empty_one_no_body() throws Exception {
        server = FakeHttpServer.start("fake-test", request -> request.path.equals("/none")
                ? FakeHttpServer.Reply.empty(204)
                : FakeHttpServer.Reply.of(418, "text/x-pong", "pong").with("X-Reply", "yes"));

        HttpResponse<String> pong = post("/ping", "");
        HttpResponse<String> none = post("/none", "");

        assertEquals(418, pong.statusCode());
        assertEquals("pong", pong.body());
        assertEquals("text/x-pong", pong.headers().firstValue("Content-Type").orElse(""));
        assertEquals("yes", pong.headers().firstValue("X-Reply").orElse(""));
        assertEquals(204, none.statusCode());
        assertEquals("", none.body());
    }

    @Test
    void an_answerer_that_throws_is_a_500_naming_the_failure_and_the_request_is_still_recorded() throws Exception {
        server = FakeHttpServer.start("fake-test", request -> {
            throw new IllegalStateException("boom");
        });

        HttpResponse<String> reply = post("/x", "{}");

        assertEquals(500, reply.statusCode());
        assertTrue(reply.body().contains("IllegalStateException"), reply.body());
        assertEquals(1, server.requests().size());
    }

    @Test
    void forgotten_requests_are_gone_and_waiting_for_one_that_never_comes_fails() throws Exception {
        server = FakeHttpServer.start("fake-test", request -> FakeHttpServer.Reply.empty(204));
        post("/x", "");

        server.forget();

        assertEquals(List.of(), server.requests());
        assertThrows(AssertionError.class, () -> server.next(Duration.ofMillis(200)));
    }
}
