package io.cacifo.bench;

/** A function's start: ms from process start until its port answered at all, and until the probe's correct answer. */
public final class StartupTime {
    private final String function;
    private final String probe;
    private final Double listeningMs;
    private final Double firstResponseMs;

    StartupTime(String function, String probe, Double listeningMs, Double firstResponseMs) {
        this.function = function;
        this.probe = probe;
        this.listeningMs = listeningMs;
        this.firstResponseMs = firstResponseMs;
    }

    static StartupTime notProbed(String function) {
        return new StartupTime(function, "none known", null, null);
    }

    public String function() {
        return function;
    }

    public String probe() {
        return probe;
    }

    /** Null when the function was not probed. */
    public Double listeningMs() {
        return listeningMs;
    }

    /** Null when the function was not probed. */
    public Double firstResponseMs() {
        return firstResponseMs;
    }
}
