package com.openfaas.entrypoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One scrape in the Prometheus text format, read back as series (name and labels, as written) to values. */
final class Scrape {
    final String body;
    final Map<String, Double> series = new LinkedHashMap<>();

    Scrape(String body) {
        this.body = body;
        for (String line : body.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
    }

    /** The value of the series written exactly so (for example {@code jvm_memory_used_bytes{area="heap"}}). */
    Optional<Double> value(String seriesAsWritten) {
        return Optional.ofNullable(series.get(seriesAsWritten));
    }

    /** Whether any series has this metric name, whatever its labels. */
    boolean has(String name) {
        return series.keySet().stream().anyMatch(s -> s.equals(name) || s.startsWith(name + "{"));
    }

    @Override
    public String toString() {
        return body;
    }
}
