package io.cacifo.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A JMeter results file in CSV form, as the plans write it: a header line naming the columns
 * (timeStamp, elapsed, label, responseCode, success, ...), then one sample per record. Fields that
 * hold commas, quotes or line breaks (assertion messages do) are quoted, with quotes doubled, as
 * JMeter writes them, so a record may span lines.
 */
public final class Jtl {
    private final List<Sample> samples;

    private Jtl(List<Sample> samples) {
        this.samples = Collections.unmodifiableList(samples);
    }

    /** An absent file reads as no samples (a plan that did not run), so the report can say so. */
    public static Jtl read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new Jtl(List.of());
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** Throws {@link IllegalArgumentException} when a needed column is missing from the header. */
    public static Jtl parse(String csv) {
        try {
            return parse(new StringReader(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads record by record and keeps only the five fields the report uses: a load run has tens of
     * thousands of samples, and all their fields as strings would not fit a small heap.
     */
    static Jtl parse(Reader csv) throws IOException {
        List<Sample> samples = new ArrayList<>();
        Columns[] columns = new Columns[1];
        records(csv, record -> {
            if (columns[0] == null) {
                columns[0] = new Columns(record);
            } else if (record.size() >= columns[0].size) {
                samples.add(columns[0].sample(record));
            }
        });
        return new Jtl(samples);
    }

    /** Where the needed columns are, from the header record. */
    private static final class Columns {
        final int size;
        final int start;
        final int elapsed;
        final int label;
        final int code;
        final int success;

        Columns(List<String> header) {
            size = header.size();
            start = column(header, "timeStamp");
            elapsed = column(header, "elapsed");
            label = column(header, "label");
            code = column(header, "responseCode");
            success = column(header, "success");
        }

        Sample sample(List<String> row) {
            return new Sample(Long.parseLong(row.get(start)), Long.parseLong(row.get(elapsed)), row.get(label),
                    row.get(code), Boolean.parseBoolean(row.get(success)));
        }
    }

    public List<Sample> samples() {
        return samples;
    }

    public List<Sample> labelled(String label) {
        return where(sample -> sample.label().equals(label));
    }

    public List<Sample> where(Predicate<Sample> filter) {
        return samples.stream().filter(filter).collect(Collectors.toList());
    }

    private static int column(List<String> header, String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("the results file has no '" + name + "' column (header: " + header + ")");
        }
        return index;
    }

    /** Hands each CSV record to {@code sink} (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks). */
    static void records(Reader csv, Consumer<List<String>> sink) throws IOException {
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int next = csv.read();
        while (next >= 0) {
            char c = (char) next;
            next = csv.read();
            if (quoted) {
                if (c == '"' && next == '"') {
                    field.append('"');
                    next = csv.read();
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                continue;
            }
            if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (any || field.length() > 0) {
                    record.add(field.toString());
                    sink.accept(record);
                }
                record = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            sink.accept(record);
        }
    }
}
