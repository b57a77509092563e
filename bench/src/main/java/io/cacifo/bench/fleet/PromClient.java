package io.cacifo.bench.fleet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Prometheus' HTTP query API, which VictoriaMetrics serves too: instant and range queries timed
 * from the request to the last byte of the reply, as the dashboard server's proxy would wait, and
 * a process's own {@code /metrics} read for one counter or gauge.
 */
public final class PromClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public PromClient(URI base) {
        this.base = base;
    }

    /** One query's answer: how long it took, whether it succeeded, and how many series came back. */
    public static final class Answer {
        public final double millis;
        public final boolean ok;
        public final int series;
        public final JsonArray result;
        public final String error;

        Answer(double millis, boolean ok, int series, JsonArray result, String error) {
            this.millis = millis;
            this.ok = ok;
            this.series = series;
            this.result = result;
            this.error = error;
        }

        /** The first series' value (instant vector or scalar), if any. */
        public OptionalDouble firstValue() {
            if (result == null || result.size() == 0) {
                return OptionalDouble.empty();
            }
            JsonElement first = result.get(0);
            JsonArray value = first.isJsonObject() ? first.getAsJsonObject().getAsJsonArray("value") : result;
            return value == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(value.get(1).getAsString()));
        }
    }

    public Answer instant(String promql) {
        return get("/api/v1/query", Map.of("query", promql));
    }

    public Answer range(String promql, long startSeconds, long endSeconds, long stepSeconds) {
        return get("/api/v1/query_range", Map.of("query", promql, "start", Long.toString(startSeconds),
                "end", Long.toString(endSeconds), "step", Long.toString(stepSeconds)));
    }

    private Answer get(String path, Map<String, String> params) {
        StringBuilder query = new StringBuilder();
        params.forEach((key, value) -> query.append(query.length() == 0 ? "" : "&").append(key).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path + "?" + query)).timeout(TIMEOUT).GET().build();
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Answer((System.nanoTime() - start) / 1e6, false, 0, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while querying " + base, e);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        try {
            JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
            if (response.statusCode() != 200 || !"success".equals(body.get("status").getAsString())) {
                return new Answer(millis, false, 0, null, response.statusCode() + " " + body.get("error"));
            }
            JsonObject data = body.getAsJsonObject("data");
            JsonElement result = data.get("result");
            if ("scalar".equals(data.get("resultType").getAsString())) {
                JsonArray scalar = result.getAsJsonArray();
                return new Answer(millis, true, 1, scalar, null);
            }
            JsonArray series = result.getAsJsonArray();
            return new Answer(millis, true, series.size(), series, null);
        } catch (RuntimeException e) {
            return new Answer(millis, false, 0, null, response.statusCode() + " unreadable reply");
        }
    }

    /** Whether {@code path} answers 200 now (readiness). */
    public boolean answers(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The sum of every sample of {@code metric} whose labels contain {@code labelFilter} (may be "") in this server's /metrics. */
    public OptionalDouble metric(String metric, String labelFilter) {
        String text;
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/metrics")).timeout(Duration.ofSeconds(10)).GET().build();
            text = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
        return sum(text, metric, labelFilter);
    }

    static OptionalDouble sum(String exposition, String metric, String labelFilter) {
        double total = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(metric) && (line.length() > metric.length())
                    && (line.charAt(metric.length()) == '{' || line.charAt(metric.length()) == ' ')
                    && line.contains(labelFilter)) {
                // "name{labels} value [timestamp]" or "name value": the value follows the labels' closing brace.
                int close = line.lastIndexOf('}');
                String rest = (close >= 0 ? line.substring(close + 1) : line.substring(metric.length())).trim();
                total += Double.parseDouble(rest.split(" ")[0]);
                found = true;
            }
        }
        return found ? OptionalDouble.of(total) : OptionalDouble.empty();
    }

    public URI base() {
        return base;
    }
}
