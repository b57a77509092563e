package io.cacifo.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatsTest {
    private static List<Sample> oneToHundred() {
        List<Sample> samples = new ArrayList<>();
        for (int ms = 100; ms >= 1; ms--) {
            // One sample a millisecond apart, the slowest first: order must not matter.
            samples.add(new Sample(1_000_000L + (100 - ms) * 10L, ms, "x", "200", ms != 50));
        }
        return samples;
    }

    @ParameterizedTest
    @CsvSource({"50, 50", "95, 95", "99, 99", "100, 100", "1, 1", "0.5, 1"})
    void percentiles_are_nearest_rank(double percentile, long expected) {
        List<Long> sorted = new ArrayList<>();
        for (long ms = 1; ms <= 100; ms++) {
            sorted.add(ms);
        }

        assertEquals(expected, Stats.percentile(sorted, percentile));
    }

    @Test
    void figures_of_a_hundred_samples() {
        Stats stats = Stats.of(oneToHundred());

        assertEquals(100, stats.count());
        assertEquals(1, stats.errors());
        assertEquals(50.5, stats.mean(), 1e-9);
        assertEquals(50, stats.median());
        assertEquals(95, stats.p95());
        assertEquals(99, stats.p99());
        assertEquals(1, stats.min());
        assertEquals(100, stats.max());
        // From the first start (1,000,000) to the last end (1,000,990 + 1): 991 ms for 100 samples.
        assertEquals(100 / 0.991, stats.throughputPerSecond(), 1e-6);
    }

    @Test
    void no_samples_give_zeroes_rather_than_a_failure() {
        Stats stats = Stats.of(List.of());

        assertEquals(0, stats.count());
        assertEquals(0, stats.median());
        assertEquals(0, stats.errorPercent(), 1e-9);
    }
}
