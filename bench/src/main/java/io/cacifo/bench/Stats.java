package io.cacifo.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Latency figures of a set of samples, all in milliseconds as JMeter measures them: the time from
 * just before sending to the last byte of the reply. Percentiles are nearest-rank (the p-th
 * percentile is the smallest value with at least p % of the samples at or below it), so each is a
 * time some sample really took. Errors are samples JMeter marked failed (a wrong status or body).
 */
public final class Stats {
    private final int count;
    private final int errors;
    private final double mean;
    private final long median;
    private final long p95;
    private final long p99;
    private final long min;
    private final long max;
    private final double throughputPerSecond;

    private Stats(int count, int errors, double mean, long median, long p95, long p99, long min, long max,
                  double throughputPerSecond) {
        this.count = count;
        this.errors = errors;
        this.mean = mean;
        this.median = median;
        this.p95 = p95;
        this.p99 = p99;
        this.min = min;
        this.max = max;
        this.throughputPerSecond = throughputPerSecond;
    }

    /** Empty samples give a Stats whose {@link #count} is 0 and every figure 0. */
    public static Stats of(List<Sample> samples) {
        if (samples.isEmpty()) {
            return new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        List<Long> times = new ArrayList<>();
        int errors = 0;
        long sum = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Sample sample : samples) {
            times.add(sample.elapsedMs());
            sum += sample.elapsedMs();
            if (!sample.success()) {
                errors++;
            }
            first = Math.min(first, sample.startMs());
            last = Math.max(last, sample.endMs());
        }
        Collections.sort(times);
        double seconds = Math.max(1, last - first) / 1000.0;
        return new Stats(times.size(), errors, (double) sum / times.size(), percentile(times, 50),
                percentile(times, 95), percentile(times, 99), times.get(0), times.get(times.size() - 1),
                times.size() / seconds);
    }

    static long percentile(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public int count() {
        return count;
    }

    public int errors() {
        return errors;
    }

    public double errorPercent() {
        return count == 0 ? 0 : 100.0 * errors / count;
    }

    public double mean() {
        return mean;
    }

    public long median() {
        return median;
    }

    public long p95() {
        return p95;
    }

    public long p99() {
        return p99;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    /** Samples per second between the first sample's start and the last one's end. */
    public double throughputPerSecond() {
        return throughputPerSecond;
    }
}
