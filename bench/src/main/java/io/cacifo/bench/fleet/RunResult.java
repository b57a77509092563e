package io.cacifo.bench.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one run (a fleet size and a store) measured; NaN where a figure could not be had. */
public final class RunResult {
    public static final class QueryTiming {
        public final FleetQueries.Query query;
        public final Timings millis;
        public final int series;
        public final String error;

        QueryTiming(FleetQueries.Query query, Timings millis, int series, String error) {
            this.query = query;
            this.millis = millis;
            this.series = series;
            this.error = error;
        }
    }

    public final int lockers;
    public final Store store;
    public final int deadLockers;
    double seriesPerLocker = Double.NaN;
    double seriesTotal = Double.NaN;
    /** Per central process: steady RSS (median over the window) and peak (VmHWM), in MB. */
    final Map<String, Double> steadyRssMb = new LinkedHashMap<>();
    final Map<String, Double> peakRssMb = new LinkedHashMap<>();
    /** VmHWM again after the raw-series comparison queries, which no dashboard runs. */
    final Map<String, Double> peakAfterRawMb = new LinkedHashMap<>();
    /** CPU cores used by the central processes together over the window. */
    double cpuCores = Double.NaN;
    double samplesPerSecond = Double.NaN;
    double scrapeP50Ms = Double.NaN;
    double scrapeMaxMs = Double.NaN;
    double ruleEvalMs = Double.NaN;
    double lagMaxSeconds = Double.NaN;
    double samplesFailed = Double.NaN;
    /** Lockers the store shows as not reporting (federation: up == 0), and lockers it has a "last seen" for. */
    double notReporting = Double.NaN;
    double lastSeen = Double.NaN;
    double loadStart = Double.NaN;
    double loadEnd = Double.NaN;
    double windowSeconds = Double.NaN;
    final List<QueryTiming> queries = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    RunResult(int lockers, Store store) {
        this.lockers = lockers;
        this.store = store;
        this.deadLockers = LockerKind.deadCount(lockers);
    }

    double steadyRssTotalMb() {
        return steadyRssMb.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    double peakRssTotalMb() {
        return peakRssMb.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    double peakAfterRawTotalMb() {
        return peakAfterRawMb.isEmpty() ? Double.NaN : peakAfterRawMb.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
