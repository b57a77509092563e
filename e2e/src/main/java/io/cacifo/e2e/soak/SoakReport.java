package io.cacifo.e2e.soak;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a soak found, as docs/soak.md: the traffic (requests per kind and status, errors, parcels
 * delivered) and per function the RSS at the start, middle and end, its peak, and the trend over
 * the second half, judged by {@link RssTrend}.
 */
final class SoakReport {
    private final Instant started;
    private final double seconds;
    private final double target;
    private final int workers;
    private final int doors;
    private final long autoCloseMs;
    private final List<String> jvmFlags;
    private final SoakLoad load;
    private final RssSampler rss;

    SoakReport(Instant started, double seconds, double target, int workers, int doors, long autoCloseMs,
               List<String> jvmFlags, SoakLoad load, RssSampler rss) {
        this.started = started;
        this.seconds = seconds;
        this.target = target;
        this.workers = workers;
        this.doors = doors;
        this.autoCloseMs = autoCloseMs;
        this.jvmFlags = jvmFlags;
        this.load = load;
        this.rss = rss;
    }

    boolean passed() {
        return load.errors() == 0 && rss.functions().stream().allMatch(function -> verdict(function) == RssTrend.Verdict.FLAT);
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Soak\n\n");
        out.append("Written by `bin/soak` (not part of CI): a fresh devstack on loopback, paced mixed traffic for a\n"
                + "bounded time and count, the resident set (VmRSS) of every function JVM sampled throughout.\n"
                + "Re-run with `bin/soak [minutes] [requests-per-second]`; this file is overwritten.\n\n");
        out.append(String.format(Locale.ROOT, "- run: %s, %.1f min (%.0f s), %d cores%n", started.truncatedTo(ChronoUnit.SECONDS),
                seconds / 60, seconds, Runtime.getRuntime().availableProcessors()));
        out.append(String.format(Locale.ROOT, "- traffic: %d requests, %.0f/s achieved (target %.0f/s, %d workers),"
                + " %d parcels created, deposited and picked up on %d doors (the simulator closes each door after %d ms)%n",
                load.requests(), load.requests() / seconds, target, workers, load.parcelsDelivered(), doors, autoCloseMs));
        out.append("- function JVM flags: `").append(String.join(" ", jvmFlags)).append("`\n");
        out.append(String.format(Locale.ROOT, "- errors: %d%n", load.errors()));
        for (String error : load.firstErrors()) {
            out.append("  - ").append(error.replace("\n", " ")).append('\n');
        }
        out.append(String.format(Locale.ROOT, "- verdict: %s%n%n", passed() ? "PASS (no error, no growth trend)" : "FAIL"));

        out.append("## RSS per function (MB)\n\n");
        out.append("| function | start | middle | end | peak | trend over 2nd half (MB/10 min) | |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        List<Double> minutes = rss.minutes();
        for (String function : rss.functions()) {
            List<Double> series = rss.series(function);
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %+.2f | %s |%n", function,
                    series.get(0), series.get(series.size() / 2), series.get(series.size() - 1),
                    series.stream().mapToDouble(Double::doubleValue).max().orElse(0), RssTrend.slope(minutes, series) * 10,
                    verdict(function).shown));
        }
        out.append(String.format(Locale.ROOT, "%n%d samples, %.1f min apart; \"start\" is the first sample, taken"
                + " as the load began.%n%n", minutes.size(), minutes.size() > 1 ? minutes.get(1) - minutes.get(0) : 0));

        out.append("## Requests (kind -> status: count)\n\n| request | count |\n|---|---|\n");
        for (Map.Entry<String, Long> entry : load.counts().entrySet()) {
            out.append("| ").append(entry.getKey()).append(" | ").append(entry.getValue()).append(" |\n");
        }
        return out.toString();
    }

    private RssTrend.Verdict verdict(String function) {
        return RssTrend.judge(rss.minutes(), rss.series(function));
    }
}
