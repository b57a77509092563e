package io.cacifo.devstack.prometheus;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The Prometheus HTTP query API as the dashboard calls it (/api/v1/query, /api/v1/query_range),
 * against a Prometheus or VictoriaMetrics, which answer it alike; for the tests that read the
 * devstack's Prometheus servers. Failure behaviour: a reply that is not a 200 with status "success"
 * throws {@link IllegalStateException} with the reply; a network failure throws its IOException.
 */
public final class PrometheusApi {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private PrometheusApi() {
    }

    /** The instant query's result (at {@code time} when given); throws with the reply on anything but a success. */
    public static JsonArray query(URI server, String promql, Optional<Instant> time) throws IOException, InterruptedException {
        String at = time.map(instant -> "&time=" + instant.getEpochSecond() + "." + String.format("%03d", instant.getNano() / 1_000_000))
                .orElse("");
        return data(server, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + at).getAsJsonArray("result");
    }

    /** The range query's result over the last {@code range}, one point per {@code stepSeconds}. */
    public static JsonArray queryRange(URI server, String promql, Duration range, long stepSeconds) throws IOException, InterruptedException {
        long end = Instant.now().getEpochSecond();
        return data(server, "/api/v1/query_range?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start=" + (end - range.toSeconds()) + "&end=" + end + "&step=" + stepSeconds).getAsJsonArray("result");
    }

    /** Polls an instant query until its result satisfies {@code done}; fails with the last reply after {@code timeout}. */
    public static JsonArray await(URI server, String promql, Optional<Instant> time, Predicate<JsonArray> done, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                JsonArray result = query(server, promql, time);
                if (done.test(result)) {
                    return result;
                }
                last = result.toString();
            } catch (IOException | IllegalStateException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no fitting result for " + promql + " at " + server + " within " + timeout.toSeconds()
                + " s; last: " + last);
    }

    /** Polls until the query has a result at all. */
    public static JsonArray awaitAny(URI server, String promql, Duration timeout) throws IOException, InterruptedException {
        return await(server, promql, Optional.empty(), result -> result.size() > 0, timeout);
    }

    /** The value of a result's first series, as a number. */
    public static double value(JsonArray result) {
        return Double.parseDouble(result.get(0).getAsJsonObject().getAsJsonArray("value").get(1).getAsString());
    }

    private static JsonObject data(URI server, String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(server + pathAndQuery))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException(reply.statusCode() + " " + reply.body());
        }
        JsonObject body = JsonParser.parseString(reply.body()).getAsJsonObject();
        if (!"success".equals(body.get("status").getAsString())) {
            throw new IllegalStateException(reply.body());
        }
        return body.getAsJsonObject("data");
    }
}
