package io.cacifo.bench.fleet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of a few timings (each a time some run really took). */
public final class Timings {
    private final List<Double> sorted;

    public Timings(List<Double> values) {
        List<Double> copy = new ArrayList<>(values);
        Collections.sort(copy);
        this.sorted = copy;
    }

    public int count() {
        return sorted.size();
    }

    /** The smallest value with at least {@code p} % of the values at or below it; NaN when empty. */
    public double percentile(double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public double median() {
        return percentile(50);
    }

    public double max() {
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
    }
}
