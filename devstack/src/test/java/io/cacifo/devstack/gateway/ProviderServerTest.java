package io.cacifo.devstack.gateway;

import io.cacifo.kit.testing.FakeHttpServer;
import io.cacifo.kit.testing.FakeHttpServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * faasd-provider's function proxy as the locker's Prometheus uses it, over real HTTP: a running
 * function's /metrics passes through without a login, counted nowhere; a stopped one is not started;
 * an unknown one has no endpoints.
 */
class ProviderServerTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** A function's process: answers every request with one series. */
    private FakeHttpServer function;
    private final Task running = new Task(1);
    private final Task stopped = new Task(0);
    private final FunctionDirectory directory = new FunctionDirectory();
    private ProviderServer provider;
    private GatewayServer gateway;

    /** A task that reports its replicas and counts the scale-from-zero it is asked for. */
    private static final class Task implements FunctionTask {
        final int replicas;
        final AtomicInteger scaledFromZero = new AtomicInteger();

        Task(int replicas) {
            this.replicas = replicas;
        }

        @Override
        public int replicas() {
            return replicas;
        }

        @Override
        public void scaleFromZero() {
            scaledFromZero.incrementAndGet();
        }
    }

    @BeforeEach
    void start() {
        function = FakeHttpServer.start("fake-function",
                request -> Reply.of(200, "text/plain; version=0.0.4; charset=utf-8", "cacifo_db_up 1.0\n"));
        directory.register(new FunctionEndpoint("door-manager", "ghcr.io/cacifo/door-manager:0.1.0", function.port(),
                Duration.ofSeconds(10), Map.of(), running));
        directory.register(new FunctionEndpoint("controller", "ghcr.io/cacifo/controller:0.1.0", function.port(),
                Duration.ofSeconds(10), Map.of(), stopped));
        // The monolith answers each function at its gateway path.
        directory.register(new FunctionEndpoint("screen-io", "ghcr.io/cacifo/screen-io:0.1.0", function.port(),
                Duration.ofSeconds(10), Map.of(), running, "/function/screen-io"));
        provider = ProviderServer.start(0, directory);
        gateway = GatewayServer.start(0, directory, "not-used-here");
    }

    @AfterEach
    void stop() {
        provider.close();
        gateway.close();
        function.close();
    }

    private HttpResponse<String> get(URI server, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_running_functions_metrics_pass_through_without_a_login_and_are_no_invocation() throws Exception {
        HttpResponse<String> scrape = get(provider.url(), "/function/door-manager/metrics");

        assertEquals(200, scrape.statusCode(), scrape.body());
        assertEquals("cacifo_db_up 1.0\n", scrape.body());
        assertEquals("/metrics", function.next(Duration.ofSeconds(5)).path);
        assertEquals(0, gateway.metrics().invocations("door-manager"), "the gateway counted a scrape it never saw");
        assertEquals(0, running.scaledFromZero.get());
    }

    @Test
    void the_monolith_is_asked_at_the_functions_own_path() throws Exception {
        HttpResponse<String> scrape = get(provider.url(), "/function/screen-io/metrics");

        assertEquals(200, scrape.statusCode(), scrape.body());
        assertEquals("/function/screen-io/metrics", function.next(Duration.ofSeconds(5)).path);
    }

    @Test
    void a_stopped_function_is_not_started_and_its_scrape_fails() throws Exception {
        HttpResponse<String> scrape = get(provider.url(), "/function/controller/metrics");

        assertEquals(404, scrape.statusCode());
        assertEquals("404 page not found\n", scrape.body());
        assertEquals(0, stopped.scaledFromZero.get(), "the provider started a stopped function");
        assertEquals(List.of(), function.requests(), "a stopped function's process was asked");
    }

    @Test
    void the_gateway_would_have_started_the_same_stopped_function_and_counted_the_call() throws Exception {
        get(gateway.url(), "/function/controller/metrics");

        assertEquals(1, stopped.scaledFromZero.get());
        assertEquals(1, gateway.metrics().invocations("controller"));
    }

    @Test
    void a_function_that_is_not_deployed_has_no_endpoints() throws Exception {
        HttpResponse<String> scrape = get(provider.url(), "/function/ghost/metrics");

        assertEquals(503, scrape.statusCode());
        assertEquals("No endpoints available for: ghost.\n", scrape.body());
    }

    @Test
    void its_own_metrics_answer_with_no_series_since_it_has_no_process_of_its_own() throws Exception {
        HttpResponse<String> metrics = get(provider.url(), "/metrics");

        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                metrics.headers().toString());
        for (String line : metrics.body().split("\n")) {
            assertTrue(line.isEmpty() || line.startsWith("#"), "a series in the stand-in's own metrics: " + line);
        }
    }
}
