package io.cacifo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * docs/performance.md: the bench writes only between its two markers, so what people wrote around
 * them (how to read the numbers, why a target is missed) survives the next run.
 */
final class ReportFile {
    static final String BEGIN = "<!-- bench:begin: written by bin/bench; edit outside these markers -->";
    static final String END = "<!-- bench:end -->";

    private ReportFile() {
    }

    /** Replaces the marked region of {@code file}'s text with {@code generated}; a file without markers gets them appended. */
    static void write(Path file, String generated) {
        String existing;
        try {
            existing = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, merge(existing, generated), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    static String merge(String existing, String generated) {
        String region = BEGIN + "\n" + generated.strip() + "\n" + END;
        int begin = existing.indexOf(BEGIN);
        int end = existing.indexOf(END);
        if (begin >= 0 && end > begin) {
            return existing.substring(0, begin) + region + existing.substring(end + END.length());
        }
        String head = existing.isBlank() ? "# Performance\n\n" : existing.stripTrailing() + "\n\n";
        return head + region + "\n";
    }
}
