package io.cacifo.e2e.soak;

import java.util.List;

/**
 * The soak's verdict on one function's resident set: the least-squares slope over the second half
 * of the samples (the first half is the JVM warming up: JIT, heap filling to its size), judged flat
 * when the growth it predicts over that half stays under 2 MB or 3 % of the middle sample.
 */
final class RssTrend {
    static final double FLAT_MB = 2.0;
    static final double FLAT_SHARE = 0.03;
    /** A second half with fewer samples shows no trend worth a PASS: a two-point line fits anything. */
    static final int MIN_SAMPLES_IN_HALF = 5;

    enum Verdict {
        FLAT("flat"),
        GROWING("GROWING"),
        /** The process was gone at a sample (read as 0 MB). */
        GONE("GONE at a sample"),
        /** Fewer than {@link #MIN_SAMPLES_IN_HALF} samples in the second half: nothing can be said. */
        TOO_SHORT("too few samples");

        final String shown;

        Verdict(String shown) {
            this.shown = shown;
        }
    }

    private RssTrend() {
    }

    /** {@code minutes[i]} is when {@code megabytes[i]} was sampled; both in sample order. */
    static Verdict judge(List<Double> minutes, List<Double> megabytes) {
        requireParallel(minutes, megabytes);
        if (megabytes.contains(0.0)) {
            return Verdict.GONE;
        }
        int from = megabytes.size() / 2;
        if (megabytes.size() - from < MIN_SAMPLES_IN_HALF) {
            return Verdict.TOO_SHORT;
        }
        double span = minutes.get(minutes.size() - 1) - minutes.get(from);
        double predicted = slope(minutes, megabytes) * span;
        return predicted < Math.max(FLAT_MB, FLAT_SHARE * megabytes.get(from)) ? Verdict.FLAT : Verdict.GROWING;
    }

    /** Least-squares slope (MB per minute) over the second half of the samples; 0 when it has fewer than two. */
    static double slope(List<Double> minutes, List<Double> megabytes) {
        requireParallel(minutes, megabytes);
        int from = megabytes.size() / 2;
        int n = megabytes.size() - from;
        if (n < 2) {
            return 0;
        }
        double meanX = 0;
        double meanY = 0;
        for (int i = from; i < megabytes.size(); i++) {
            meanX += minutes.get(i);
            meanY += megabytes.get(i);
        }
        meanX /= n;
        meanY /= n;
        double num = 0;
        double den = 0;
        for (int i = from; i < megabytes.size(); i++) {
            num += (minutes.get(i) - meanX) * (megabytes.get(i) - meanY);
            den += (minutes.get(i) - meanX) * (minutes.get(i) - meanX);
        }
        return den == 0 ? 0 : num / den;
    }

    private static void requireParallel(List<Double> minutes, List<Double> megabytes) {
        if (minutes.size() != megabytes.size()) {
            throw new IllegalArgumentException(minutes.size() + " sample times for " + megabytes.size() + " samples");
        }
    }
}
