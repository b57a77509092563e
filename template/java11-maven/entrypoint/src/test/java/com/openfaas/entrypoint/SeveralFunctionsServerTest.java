package com.openfaas.entrypoint;

import com.openfaas.model.AbstractHandler;
import com.openfaas.model.IRequest;
import com.openfaas.model.IResponse;
import com.openfaas.model.Response;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One server in front of several functions' handlers, each at /function/<name> as the gateway addresses it (the monolith). */
class SeveralFunctionsServerTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private FunctionServer server;
    private String url;

    private static AbstractHandler echo(String name) {
        return new AbstractHandler() {
            @Override
            public IResponse Handle(IRequest req) {
                Response response = new Response();
                response.setStatusCode(200);
                response.setContentType("text/plain");
                response.setBody(name + " " + req.getPathRaw() + " " + req.getQueryRaw());
                return response;
            }
        };
    }

    private static PrometheusRegistry registryWith(String gauge) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(() -> new MetricSnapshots(GaugeSnapshot.builder().name(gauge).help(gauge)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(1).build()).build()));
        return registry;
    }

    private void start() throws Exception {
        server = FunctionServer.bind(new EntrypointSettings(0, 4, 8, 1024));
        server.serveEach(Map.of("door-io", echo("door-io"), "door-manager", echo("door-manager")),
                Map.of("door-io", registryWith("door_io_gauge"), "door-manager", registryWith("door_manager_gauge")));
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.ofString("POST".equals(method) ? "{}" : "")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0} reaches {1}")
    @CsvSource({
            "/function/door-io?action=open,        door-io / action=open",
            "/function/door-manager?action=get,    door-manager / action=get",
            "/function/door-manager/sub?action=get, door-manager /sub action=get",
    })
    void each_function_gets_the_path_of_watchdog_would_hand_it(String path, String expected) throws Exception {
        start();

        HttpResponse<String> got = send("POST", path);

        assertEquals(200, got.statusCode());
        assertEquals(expected, got.body());
    }

    @Test
    void a_name_that_only_starts_like_a_function_is_nobodys() throws Exception {
        start();

        assertEquals(404, send("POST", "/function/door-iox?action=open").statusCode());
        assertEquals(404, send("POST", "/function/screen-io?action=enter").statusCode());
    }

    @Test
    void each_function_has_its_health_and_only_its_own_metrics() throws Exception {
        start();

        assertEquals(200, send("GET", "/function/door-io/health").statusCode());
        String doorIo = send("GET", "/function/door-io/metrics").body();
        assertTrue(doorIo.contains("door_io_gauge") && !doorIo.contains("door_manager_gauge"), doorIo);
        String doorManager = send("GET", "/function/door-manager/metrics").body();
        assertTrue(doorManager.contains("door_manager_gauge") && !doorManager.contains("door_io_gauge"), doorManager);
    }

    @Test
    void the_one_jvm_s_series_are_served_once_at_the_server_s_own_metrics_not_under_each_function() throws Exception {
        start();

        Scrape jvm = new Scrape(send("GET", "/metrics").body());
        Scrape doorIo = new Scrape(send("GET", "/function/door-io/metrics").body());

        assertTrue(jvm.has("jvm_memory_used_bytes") && jvm.has("process_resident_memory_bytes")
                && jvm.has("cacifo_handler_threads_busy"), jvm.body);
        assertFalse(jvm.has("door_io_gauge") || jvm.has("door_manager_gauge"), jvm.body);
        assertFalse(doorIo.has("jvm_memory_used_bytes") || doorIo.has("process_resident_memory_bytes")
                || doorIo.has("cacifo_handler_threads"), doorIo.body);
    }
}
