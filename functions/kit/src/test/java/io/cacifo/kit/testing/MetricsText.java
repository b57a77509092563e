package io.cacifo.kit.testing;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape of this JVM's default registry, written as the entrypoint's {@code GET /metrics} writes it. */
public final class MetricsText {
    private final String text;

    private MetricsText(String text) {
        this.text = text;
    }

    public static MetricsText scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, PrometheusRegistry.defaultRegistry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MetricsText(out.toString(StandardCharsets.UTF_8));
    }

    /** The value of one series, named as in the text ({@code cacifo_doors{state="free"}}); empty when absent. */
    public Optional<Double> value(String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return line.find() ? Optional.of(Double.parseDouble(line.group(1))) : Optional.empty();
    }

    /** Whether any series of {@code name} is written (with or without labels). */
    public boolean has(String name) {
        return Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]").matcher(text).find();
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
