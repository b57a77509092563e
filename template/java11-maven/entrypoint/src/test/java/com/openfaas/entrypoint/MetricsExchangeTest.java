package com.openfaas.entrypoint;

import com.openfaas.model.AbstractHandler;
import com.openfaas.model.IRequest;
import com.openfaas.model.IResponse;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsExchangeTest {
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final MultiCollector doors = () -> MetricSnapshots.of(GaugeSnapshot.builder().name("cacifo_doors")
            .help("Doors by state").dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("state", "free")).value(3).build()).build());
    private FunctionServer server;
    private String url;

    @BeforeEach
    void start() throws Exception {
        server = FunctionServer.bind(new EntrypointSettings(0, 4, 8, 1024));
        server.serve(new AbstractHandler() {
            @Override
            public IResponse Handle(IRequest request) {
                throw new AssertionError("the handler is not asked for /metrics");
            }
        });
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        PrometheusRegistry.defaultRegistry.unregister(doors);
        server.stop();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metrics_answers_the_default_registry_in_the_prometheus_text_format_without_the_handler() throws Exception {
        PrometheusRegistry.defaultRegistry.register(doors);
        HttpResponse<String> metrics = send("GET", "/metrics");
        assertEquals(200, metrics.statusCode());
        assertEquals(TEXT_FORMAT, metrics.headers().firstValue("Content-Type").orElse(""));
        assertTrue(metrics.body().contains(
                "# HELP cacifo_doors Doors by state\n# TYPE cacifo_doors gauge\ncacifo_doors{state=\"free\"} 3.0\n"), metrics.body());
    }

    @Test
    void a_function_with_nothing_registered_still_answers_its_jvm_s_series() throws Exception {
        HttpResponse<String> metrics = send("GET", "/metrics");
        assertEquals(200, metrics.statusCode());
        Scrape scrape = new Scrape(metrics.body());
        assertTrue(scrape.has("jvm_memory_used_bytes") && scrape.has("cacifo_handler_threads"), metrics.body());
        assertFalse(scrape.has("cacifo_doors"), metrics.body());
    }

    @Test
    void head_answers_200_without_a_body() throws Exception {
        PrometheusRegistry.defaultRegistry.register(doors);
        HttpResponse<String> head = send("HEAD", "/metrics");
        assertEquals(200, head.statusCode());
        assertEquals(TEXT_FORMAT, head.headers().firstValue("Content-Type").orElse(""));
        assertEquals("", head.body());
    }

    @Test
    void other_methods_get_405_with_allow_and_other_paths_404() throws Exception {
        HttpResponse<String> post = send("POST", "/metrics");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
        assertEquals(405, send("DELETE", "/metrics").statusCode());
        assertEquals(404, send("GET", "/metricsx").statusCode());
        assertEquals(404, send("GET", "/metrics/x").statusCode());
    }

    @Test
    void a_collector_that_throws_gives_a_bare_500_without_its_message() throws Exception {
        MultiCollector broken = () -> {
            throw new IllegalStateException("secret-detail");
        };
        PrometheusRegistry.defaultRegistry.register(broken);
        try {
            HttpResponse<String> metrics = send("GET", "/metrics");
            assertEquals(500, metrics.statusCode());
            assertTrue(!metrics.body().contains("secret-detail"), metrics.body());
        } finally {
            PrometheusRegistry.defaultRegistry.unregister(broken);
        }
    }
}
