package io.cacifo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one process costs in memory, from {@code /proc/<pid>/smaps_rollup} (Linux 4.14+): RSS, the
 * resident pages it maps, and PSS, the same with each shared page divided among the processes
 * sharing it. Seven JVMs share libjvm and the JDK's class data, so their PSS adds up to what they
 * take together, while their RSS counts the shared pages seven times.
 */
public final class ProcessMemory {
    private final long rssKb;
    private final long pssKb;

    public ProcessMemory(long rssKb, long pssKb) {
        this.rssKb = rssKb;
        this.pssKb = pssKb;
    }

    /** Throws {@link UncheckedIOException} when the process is gone or its smaps_rollup cannot be read. */
    public static ProcessMemory of(long pid) {
        Path file = Path.of("/proc", Long.toString(pid), "smaps_rollup");
        try {
            return parse(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** Reads the {@code Rss:} and {@code Pss:} lines (in kB); a text without both throws {@link IllegalArgumentException}. */
    public static ProcessMemory parse(String smapsRollup) {
        long rss = -1;
        long pss = -1;
        for (String line : smapsRollup.split("\n")) {
            if (line.startsWith("Rss:")) {
                rss = kilobytes(line);
            } else if (line.startsWith("Pss:")) {
                pss = kilobytes(line);
            }
        }
        if (rss < 0 || pss < 0) {
            throw new IllegalArgumentException("not a smaps_rollup text: no Rss or Pss line");
        }
        return new ProcessMemory(rss, pss);
    }

    private static long kilobytes(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]);
    }

    public long rssKb() {
        return rssKb;
    }

    public long pssKb() {
        return pssKb;
    }

    public double rssMb() {
        return rssKb / 1024.0;
    }

    public double pssMb() {
        return pssKb / 1024.0;
    }
}
