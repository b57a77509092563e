package io.cacifo.bench.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The results of a bench as markdown: the part of docs/fleet.md between its fleet-bench markers. */
final class FleetReport {
    static final String BEGIN = "<!-- fleet-bench:begin (written by bin/fleet-bench; edit the tool, not this part) -->";
    static final String END = "<!-- fleet-bench:end -->";
    /** Issue 15's goals at 1,000 lockers. */
    static final double OVERVIEW_GOAL_MS = 300;
    static final double RSS_GOAL_MB = 2048;

    private FleetReport() {
    }

    static String markdown(List<RunResult> results, String header) {
        StringBuilder out = new StringBuilder();
        out.append(BEGIN).append("\n\n").append(header).append('\n');
        out.append("### Ingestion and the central side's cost\n\n");
        out.append("| lockers | path → store | series per healthy locker | active series in the store | central RSS steady / peak (MB) "
                + "| peak after raw-series queries (MB) | central CPU (cores) | samples in /s | scrape p50 / max (ms) "
                + "| rule groups (ms) | remote-write lag max (s) | not reporting / last seen | load 1 min start → end |\n");
        out.append("|---:|---|---:|---:|---|---:|---:|---:|---|---:|---:|---|---|\n");
        for (RunResult r : results) {
            out.append("| ").append(r.lockers).append(" | ").append(r.store.title()).append(" | ")
                    .append(n(r.seriesPerLocker, 0)).append(" | ").append(n(r.seriesTotal, 0)).append(" | ")
                    .append(rss(r)).append(" | ").append(n(r.peakAfterRawTotalMb(), 0)).append(" | ")
                    .append(n(r.cpuCores, 3)).append(" | ")
                    .append(n(r.samplesPerSecond, 0)).append(" | ")
                    .append(r.store.pushed() ? "–" : n(r.scrapeP50Ms, 0) + " / " + n(r.scrapeMaxMs, 0)).append(" | ")
                    .append(n(r.ruleEvalMs, 1)).append(" | ")
                    .append(r.store.pushed() ? n(r.lagMaxSeconds, 1) : "–").append(" | ")
                    .append(r.store.pushed() ? "–" : n(r.notReporting, 0)).append(" / ").append(n(r.lastSeen, 0))
                    .append(" of ").append(r.lockers).append(" (").append(r.deadLockers).append(" dark)").append(" | ")
                    .append(n(r.loadStart, 2)).append(" → ").append(n(r.loadEnd, 2)).append(" |\n");
        }
        Map<Integer, List<RunResult>> bySize = new LinkedHashMap<>();
        results.forEach(r -> bySize.computeIfAbsent(r.lockers, k -> new ArrayList<>()).add(r));
        bySize.forEach((lockers, runs) -> queryTable(out, lockers, runs));
        goals(out, results);
        problems(out, results);
        out.append(END).append('\n');
        return out.toString();
    }

    private static void queryTable(StringBuilder out, int lockers, List<RunResult> runs) {
        out.append("\n### Query latency at ").append(lockers).append(" lockers\n\n");
        out.append("Milliseconds, median / p95 of the repeats (series returned in brackets).\n\n");
        out.append("| view | query |");
        runs.forEach(r -> out.append(' ').append(r.store.title()).append(" |"));
        out.append("\n|---|---|").append("---:|".repeat(runs.size())).append('\n');
        List<String> names = new ArrayList<>();
        Map<String, FleetQueries.Query> byName = new LinkedHashMap<>();
        for (RunResult r : runs) {
            for (RunResult.QueryTiming timing : r.queries) {
                if (byName.putIfAbsent(timing.query.name, timing.query) == null) {
                    names.add(timing.query.name);
                }
            }
        }
        for (String name : names) {
            FleetQueries.Query query = byName.get(name);
            out.append("| ").append(view(query.kind)).append(" | ").append(name).append(" |");
            for (RunResult r : runs) {
                RunResult.QueryTiming timing = r.queries.stream().filter(t -> t.query.name.equals(name)).findFirst().orElse(null);
                out.append(' ').append(cell(timing)).append(" |");
            }
            out.append('\n');
        }
    }

    private static String cell(RunResult.QueryTiming timing) {
        if (timing == null) {
            return "–";
        }
        if (timing.error != null) {
            return "failed: " + timing.error.replace("|", "/");
        }
        return n(timing.millis.median(), 0) + " / " + n(timing.millis.percentile(95), 0) + " (" + timing.series + ")";
    }

    private static String view(FleetQueries.Kind kind) {
        switch (kind) {
            case OVERVIEW:
                return "overview";
            case WITHOUT_RULES:
                return "overview without rules";
            default:
                return "per-locker view";
        }
    }

    private static void goals(StringBuilder out, List<RunResult> results) {
        int biggest = results.stream().mapToInt(r -> r.lockers).max().orElse(0);
        out.append("\n### The goals at ").append(biggest).append(" lockers\n\n");
        out.append("| path → store | slowest overview query, p95 (ms) | < ").append(n(OVERVIEW_GOAL_MS, 0))
                .append(" ms | central peak RSS through the dashboard's queries (MB) | < 2 GB |\n|---|---:|---|---:|---|\n");
        for (RunResult r : results) {
            if (r.lockers != biggest) {
                continue;
            }
            double slowest = r.queries.stream().filter(t -> t.query.kind == FleetQueries.Kind.OVERVIEW && t.error == null)
                    .mapToDouble(t -> t.millis.percentile(95)).max().orElse(Double.NaN);
            boolean failed = r.queries.stream().anyMatch(t -> t.query.kind == FleetQueries.Kind.OVERVIEW && t.error != null);
            out.append("| ").append(r.store.title()).append(" | ").append(n(slowest, 0)).append(" | ")
                    .append(failed || Double.isNaN(slowest) ? "no (a query failed)" : slowest < OVERVIEW_GOAL_MS ? "yes" : "**no**")
                    .append(" | ").append(n(r.peakRssTotalMb(), 0)).append(" | ")
                    .append(Double.isNaN(r.peakRssTotalMb()) || r.peakRssMb.isEmpty() ? "–"
                            : r.peakRssTotalMb() < RSS_GOAL_MB ? "yes" : "**no**")
                    .append(" |\n");
        }
    }

    private static void problems(StringBuilder out, List<RunResult> results) {
        List<String> lines = new ArrayList<>();
        for (RunResult r : results) {
            r.problems.forEach(p -> lines.add("- " + r.lockers + " lockers, " + r.store.title() + ": " + p));
        }
        if (!lines.isEmpty()) {
            out.append("\n### Problems during the run\n\n").append(String.join("\n", lines)).append('\n');
        }
        out.append('\n');
    }

    private static String rss(RunResult r) {
        if (r.steadyRssMb.isEmpty()) {
            return "–";
        }
        if (r.steadyRssMb.size() == 1) {
            return n(r.steadyRssTotalMb(), 0) + " / " + n(r.peakRssTotalMb(), 0);
        }
        String parts = r.steadyRssMb.keySet().stream()
                .map(name -> name + " " + n(r.steadyRssMb.get(name), 0) + " / " + n(r.peakRssMb.getOrDefault(name, Double.NaN), 0))
                .collect(Collectors.joining(" + "));
        return n(r.steadyRssTotalMb(), 0) + " / " + n(r.peakRssTotalMb(), 0) + " (" + parts + ")";
    }

    static String n(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** {@code doc} with the part between the markers replaced by {@code section}; the doc unchanged when it has no markers. */
    static String replaceSection(String doc, String section) {
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        if (begin < 0 || end < begin) {
            return doc;
        }
        return doc.substring(0, begin) + section + doc.substring(end + END.length() + (doc.startsWith("\n", end + END.length()) ? 1 : 0));
    }
}
