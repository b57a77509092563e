package io.cacifo.bench;

/** One line of a JMeter results file (JTL as CSV): when, how long, what, and whether it passed. */
public final class Sample {
    private final long startMs;
    private final long elapsedMs;
    private final String label;
    private final String responseCode;
    private final boolean success;

    public Sample(long startMs, long elapsedMs, String label, String responseCode, boolean success) {
        this.startMs = startMs;
        this.elapsedMs = elapsedMs;
        this.label = label;
        this.responseCode = responseCode;
        this.success = success;
    }

    public long startMs() {
        return startMs;
    }

    public long elapsedMs() {
        return elapsedMs;
    }

    public long endMs() {
        return startMs + elapsedMs;
    }

    public String label() {
        return label;
    }

    public String responseCode() {
        return responseCode;
    }

    public boolean success() {
        return success;
    }
}
