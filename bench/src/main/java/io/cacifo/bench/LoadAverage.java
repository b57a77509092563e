package io.cacifo.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The machine's 1-minute load average ({@code /proc/loadavg}, what {@code uptime} shows). On a
 * machine others use, timings mean something only when it is quiet, so the bench waits for it.
 */
public final class LoadAverage {
    private static final Duration POLL = Duration.ofSeconds(10);

    private LoadAverage() {
    }

    public static double oneMinute() {
        try {
            return parse(Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read /proc/loadavg", e);
        }
    }

    static double parse(String loadavg) {
        return Double.parseDouble(loadavg.trim().split("\\s+")[0]);
    }

    /**
     * Polls until the 1-minute load is below {@code limit} or {@code patience} has passed, telling
     * {@code log} what it waits for. Returns the last load seen: above the limit means "not quiet".
     */
    public static double awaitBelow(double limit, Duration patience, PrintStream log) {
        long deadline = System.nanoTime() + patience.toNanos();
        double load = oneMinute();
        if (load >= limit) {
            log.printf(Locale.ROOT, "[bench] 1-minute load %.2f; waiting up to %d min for it to fall below %.2f%n",
                    load, patience.toMinutes(), limit);
        }
        while (load >= limit && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            load = oneMinute();
        }
        if (load >= limit) {
            log.printf(Locale.ROOT, "[bench] the machine did not get quiet (load %.2f); measuring anyway%n", load);
        }
        return load;
    }
}
