package io.cacifo.e2e.soak;

import io.cacifo.e2e.soak.RssTrend.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The soak's PASS rests on this verdict: a leak must be GROWING, a warmed-up JVM flat, a short run no verdict. */
class RssTrendTest {
    /** As {@code bin/soak}'s default: 20 min, a sample every 30 s, plus the last one. */
    private static final int SAMPLES = 41;
    private static final double APART = 0.5;

    @Test
    void a_jvm_that_warms_up_in_the_first_half_and_then_holds_its_size_is_flat() {
        // 50 MB rising to 65 MB over the first 10 minutes, then 65 MB to the end.
        assertEquals(Verdict.FLAT, judge(i -> i < SAMPLES / 2 ? 50 + 15.0 * i / (SAMPLES / 2) : 65));
    }

    @Test
    void a_steady_leak_in_the_second_half_is_growing() {
        // 0.5 MB a minute: 5 MB over the second half's 10 minutes, past 2 MB and past 3 % of 65 MB.
        assertEquals(Verdict.GROWING, judge(i -> 65 + 0.5 * i * APART));
    }

    @Test
    void a_leak_hidden_in_noise_is_still_growing() {
        // ±1.5 MB of garbage-collector sawtooth on top of 0.4 MB a minute.
        assertEquals(Verdict.GROWING, judge(i -> 65 + 0.4 * i * APART + (i % 2 == 0 ? 1.5 : -1.5)));
    }

    @Test
    void noise_around_a_constant_size_is_flat() {
        assertEquals(Verdict.FLAT, judge(i -> 65 + (i % 3 == 0 ? 1.8 : i % 3 == 1 ? -1.2 : -0.6)));
    }

    @Test
    void a_shrinking_jvm_is_flat() {
        assertEquals(Verdict.FLAT, judge(i -> 80 - 0.3 * i * APART));
    }

    @Test
    void growth_is_judged_against_2_mb_or_3_percent_of_the_middle_sample_whichever_is_larger() {
        // Small JVM (40 MB): the bound is 2 MB over the second half's 10 minutes.
        assertEquals(Verdict.FLAT, judge(i -> 40 + 0.199 * i * APART));
        assertEquals(Verdict.GROWING, judge(i -> 40 + 0.201 * i * APART));
        // Large JVM (200 MB at the middle): the bound is 3 %, 6 MB over the same 10 minutes.
        assertEquals(Verdict.FLAT, judge(i -> i < SAMPLES / 2 ? 200 : 200 + 0.59 * (i - SAMPLES / 2) * APART));
        assertEquals(Verdict.GROWING, judge(i -> i < SAMPLES / 2 ? 200 : 200 + 0.61 * (i - SAMPLES / 2) * APART));
    }

    @Test
    void growth_of_exactly_the_bound_is_not_flat() {
        // The second half is 5 samples at minutes 1 to 5, rising 0.5 MB a minute: exactly 2 MB over its 4 minutes.
        List<Double> minutes = List.of(-4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
        List<Double> exact = List.of(30.0, 30.0, 30.0, 30.0, 30.0, 30.5, 31.0, 31.5, 32.0, 32.5);
        assertEquals(0.5, RssTrend.slope(minutes, exact));
        assertEquals(Verdict.GROWING, RssTrend.judge(minutes, exact));
    }

    @Test
    void a_run_with_fewer_than_five_samples_in_its_second_half_gets_no_pass() {
        // Before, a run of one or two samples had slope 0 and passed.
        assertEquals(Verdict.TOO_SHORT, RssTrend.judge(List.of(0.0), List.of(60.0)));
        assertEquals(Verdict.TOO_SHORT, RssTrend.judge(List.of(0.0, 0.1), List.of(60.0, 60.0)));
        assertEquals(Verdict.TOO_SHORT, RssTrend.judge(times(8), constant(8, 60)));
        assertEquals(Verdict.FLAT, RssTrend.judge(times(9), constant(9, 60)));
        assertEquals(Verdict.TOO_SHORT, RssTrend.judge(List.of(), List.of()));
    }

    @Test
    void a_process_gone_at_any_sample_fails_whatever_the_trend() {
        List<Double> series = new ArrayList<>(constant(SAMPLES, 60));
        series.set(3, 0.0);
        assertEquals(Verdict.GONE, RssTrend.judge(times(SAMPLES), series));
    }

    @Test
    void the_slope_is_in_mb_per_minute_over_the_second_half_only() {
        // A steep first half (warm-up) does not count; the second half rises 1 MB a minute.
        double slope = RssTrend.slope(times(SAMPLES), series(i -> i < SAMPLES / 2 ? 10.0 * i : 1.0 * i * APART));
        assertEquals(1.0, slope, 1e-9);
    }

    @Test
    void sample_times_and_samples_of_different_lengths_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> RssTrend.judge(times(3), constant(4, 60)));
    }

    private static Verdict judge(IntToDoubleFunction megabytes) {
        return RssTrend.judge(times(SAMPLES), series(megabytes));
    }

    private static List<Double> times(int samples) {
        return series(samples, i -> i * APART);
    }

    private static List<Double> constant(int samples, double megabytes) {
        return series(samples, i -> megabytes);
    }

    private static List<Double> series(IntToDoubleFunction megabytes) {
        return series(SAMPLES, megabytes);
    }

    private static List<Double> series(int samples, IntToDoubleFunction value) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            out.add(value.applyAsDouble(i));
        }
        return out;
    }
}
