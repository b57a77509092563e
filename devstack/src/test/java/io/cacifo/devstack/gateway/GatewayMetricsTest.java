package io.cacifo.devstack.gateway;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayMetricsTest {

    @Test
    void buckets_are_cumulative_and_inf_equals_the_count() {
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.record("f", 200, 0.003);
        metrics.record("f", 200, 0.2);
        metrics.record("f", 200, 0.2);
        metrics.record("f", 200, 30);

        String text = metrics.render(List.of());

        String series = "gateway_functions_seconds_bucket{function_name=\"f.openfaas-fn\",code=\"200\",le=\"";
        assertTrue(text.contains(series + "0.005\"} 1\n"), text);
        assertTrue(text.contains(series + "0.1\"} 1\n"), text);
        assertTrue(text.contains(series + "0.25\"} 3\n"), text);
        assertTrue(text.contains(series + "10\"} 3\n"), text);
        assertTrue(text.contains(series + "+Inf\"} 4\n"), text);
        assertTrue(text.contains("gateway_functions_seconds_sum{function_name=\"f.openfaas-fn\",code=\"200\"} 30.403"), text);
        assertEquals(4, metrics.invocations("f"));
    }

    @Test
    void codes_are_separate_series_and_invocations_add_them_up() {
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.record("f", 201, 0.01);
        metrics.record("f", 401, 0.01);
        metrics.record("g.openfaas-fn", 200, 0.01);

        String text = metrics.render(List.of(new FunctionEndpoint("f", "i", 1, Duration.ofSeconds(1), Map.of(), FunctionTask.fixed(1))));

        assertTrue(text.contains("gateway_function_invocation_total{function_name=\"f.openfaas-fn\",code=\"201\"} 1\n"), text);
        assertTrue(text.contains("gateway_function_invocation_total{function_name=\"f.openfaas-fn\",code=\"401\"} 1\n"), text);
        assertTrue(text.contains("gateway_function_invocation_total{function_name=\"g.openfaas-fn\",code=\"200\"} 1\n"), text);
        assertTrue(text.contains("gateway_service_count{function_name=\"f.openfaas-fn\"} 1\n"), text);
        assertEquals(2, metrics.invocations("f"));
        assertEquals(1, metrics.invocations("g"));
    }

    @Test
    void label_values_are_escaped() {
        assertEquals("a\\\"b\\\\c\\nd", GatewayMetrics.escape("a\"b\\c\nd"));
    }
}
