package io.cacifo.devstack.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The OpenFaaS gateway's metrics under their OpenFaaS names, so Prometheus, the dashboard and the
 * JMeter checks read the devstack as they read faasd: {@code gateway_function_invocation_total}
 * and {@code gateway_functions_seconds} by function and status code, {@code gateway_service_count}
 * by function. Written by hand in the Prometheus text format 0.0.4.
 */
public final class GatewayMetrics {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** The Prometheus client's default buckets, which the OpenFaaS gateway uses. */
    static final double[] BUCKETS = {.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10};
    private static final String[] BUCKET_LABELS = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5",
        "1", "2.5", "5", "10"};

    private final ConcurrentMap<SeriesKey, Series> series = new ConcurrentHashMap<>();

    /** Counts one finished call of {@code function} that ended with {@code code} after {@code seconds}. */
    public void record(String function, int code, double seconds) {
        series.computeIfAbsent(new SeriesKey(FunctionDirectory.qualified(function), code), key -> new Series())
                .observe(seconds);
    }

    /** All calls of {@code function} so far, whatever their status. */
    public long invocations(String function) {
        String qualified = FunctionDirectory.qualified(function);
        long total = 0;
        for (Map.Entry<SeriesKey, Series> entry : series.entrySet()) {
            if (entry.getKey().function.equals(qualified)) {
                total += entry.getValue().count.sum();
            }
        }
        return total;
    }

    /** The exposition text; {@code services} gives gateway_service_count (1 while a function's process runs). */
    public String render(List<FunctionEndpoint> services) {
        List<Map.Entry<SeriesKey, Series>> sorted = new ArrayList<>(series.entrySet());
        sorted.sort(Map.Entry.comparingByKey());
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP gateway_function_invocation_total Function metrics\n");
        out.append("# TYPE gateway_function_invocation_total counter\n");
        for (Map.Entry<SeriesKey, Series> entry : sorted) {
            out.append("gateway_function_invocation_total").append(entry.getKey().labels(null)).append(' ')
                    .append(entry.getValue().count.sum()).append('\n');
        }
        out.append("# HELP gateway_functions_seconds Function time taken\n");
        out.append("# TYPE gateway_functions_seconds histogram\n");
        for (Map.Entry<SeriesKey, Series> entry : sorted) {
            SeriesKey key = entry.getKey();
            Series values = entry.getValue();
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += values.buckets[i].sum();
                out.append("gateway_functions_seconds_bucket").append(key.labels(BUCKET_LABELS[i])).append(' ')
                        .append(cumulative).append('\n');
            }
            long count = values.count.sum();
            out.append("gateway_functions_seconds_bucket").append(key.labels("+Inf")).append(' ').append(count).append('\n');
            out.append("gateway_functions_seconds_sum").append(key.labels(null)).append(' ')
                    .append(values.sum.sum()).append('\n');
            out.append("gateway_functions_seconds_count").append(key.labels(null)).append(' ').append(count).append('\n');
        }
        out.append("# HELP gateway_service_count Current count of replicas for function\n");
        out.append("# TYPE gateway_service_count gauge\n");
        for (FunctionEndpoint service : services) {
            out.append("gateway_service_count{function_name=\"").append(escape(FunctionDirectory.qualified(service.name())))
                    .append("\"} ").append(service.task().replicas()).append('\n');
        }
        return out.toString();
    }

    /** Label values escape backslash, quote and newline (text format 0.0.4). */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static final class SeriesKey implements Comparable<SeriesKey> {
        final String function;
        final int code;

        SeriesKey(String function, int code) {
            this.function = function;
            this.code = code;
        }

        String labels(String le) {
            return "{function_name=\"" + escape(function) + "\",code=\"" + code + "\""
                    + (le == null ? "" : ",le=\"" + le + "\"") + "}";
        }

        @Override
        public int compareTo(SeriesKey other) {
            int byFunction = function.compareTo(other.function);
            return byFunction != 0 ? byFunction : Integer.compare(code, other.code);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SeriesKey && ((SeriesKey) other).function.equals(function)
                    && ((SeriesKey) other).code == code;
        }

        @Override
        public int hashCode() {
            return function.hashCode() * 31 + code;
        }
    }

    /** Per-bucket counts (not cumulative), summed up when rendered, so recording is one add. */
    private static final class Series {
        final LongAdder count = new LongAdder();
        final DoubleAdder sum = new DoubleAdder();
        final LongAdder[] buckets = new LongAdder[BUCKETS.length];

        Series() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    buckets[i].increment();
                    break;
                }
            }
            sum.add(seconds);
            count.increment();
        }
    }
}
