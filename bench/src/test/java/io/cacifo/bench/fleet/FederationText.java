package io.cacifo.bench.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' federation output (text format 0.0.4 with timestamps): every line
 * is a {@code # TYPE} comment or {@code name{labels} value timestamp}, names and label names are
 * valid, label values escaped, each family's TYPE comes before its samples and no family is split.
 * Anything else throws {@link IllegalArgumentException} naming the line.
 */
final class FederationText {
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\} (\\S+) (-?\\d+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");

    static final class Sample {
        final String name;
        final Map<String, String> labels;
        final double value;
        final long timestampMs;

        Sample(String name, Map<String, String> labels, double value, long timestampMs) {
            this.name = name;
            this.labels = labels;
            this.value = value;
            this.timestampMs = timestampMs;
        }

        /** The series' identity: name and labels without {@code le}. */
        String seriesWithoutLe() {
            Map<String, String> rest = new LinkedHashMap<>(labels);
            rest.remove("le");
            return name.replaceAll("_(bucket|count|sum)$", "") + rest;
        }

        String series() {
            return name + labels;
        }
    }

    private FederationText() {
    }

    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        List<String> families = new ArrayList<>();
        String family = null;
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty() && number > 1 && text.endsWith("\n")) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                family = type.group(1);
                if (families.contains(family)) {
                    throw new IllegalArgumentException("line " + number + ": family " + family + " appears twice");
                }
                families.add(family);
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new IllegalArgumentException("line " + number + " is not federation text: " + line);
            }
            if (!sample.group(1).equals(family)) {
                throw new IllegalArgumentException("line " + number + ": " + sample.group(1) + " without its # TYPE line");
            }
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher label = LABEL.matcher(sample.group(2));
            while (label.find()) {
                if (labels.put(label.group(1), label.group(2)) != null) {
                    throw new IllegalArgumentException("line " + number + ": label " + label.group(1) + " twice");
                }
            }
            double value;
            try {
                value = Double.parseDouble(sample.group(3));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + number + ": value " + sample.group(3) + " is not a number", e);
            }
            samples.add(new Sample(sample.group(1), labels, value, Long.parseLong(sample.group(4))));
        }
        return samples;
    }
}
