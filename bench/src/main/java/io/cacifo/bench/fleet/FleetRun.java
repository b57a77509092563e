package io.cacifo.bench.fleet;

import io.cacifo.bench.LoadAverage;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One run: a store started for a fleet, warmed up, measured over a window (memory and CPU of the
 * central processes from /proc, ingestion from the store's own counters, scrape durations or the
 * agent's remote-write lag), then its queries timed, then everything stopped.
 */
final class FleetRun {
    private static final Duration TICK = Duration.ofSeconds(2);
    private static final Duration READY = Duration.ofSeconds(60);
    /** The per-locker view shows a healthy locker, as an operator's click on a row would. */
    private static final String VIEW_LOCKER = LockerExposition.lockerName(1);

    private final Plan plan;
    private final Path repo;
    private final Path workDir;
    private final PrintStream log;

    FleetRun(Plan plan, Path repo, Path workDir, PrintStream log) {
        this.plan = plan;
        this.repo = repo;
        this.workDir = workDir;
        this.log = log;
    }

    RunResult run(FleetSimulator simulator, Store store) {
        int lockers = simulator.size();
        RunResult result = new RunResult(lockers, store);
        result.loadStart = LoadAverage.oneMinute();
        Path dir = workDir.resolve(lockers + "-" + store.name().toLowerCase(Locale.ROOT));
        say("%d lockers, %s: starting (load %.2f)", lockers, store.title(), result.loadStart);
        try (CentralSide side = CentralSide.start(store, simulator, repo, dir)) {
            PromClient central = new PromClient(side.queryUrl());
            awaitReady(central, store);
            Map<String, Long> pids = side.centralPids();
            say("warming up %d s", plan.warmup(lockers, store).toSeconds());
            idle(side, plan.warmup(lockers, store));
            measureWindow(side, central, pids, plan.window(lockers), result);
            counts(side, central, store, result);
            // The dashboard's queries first, then the peak; the raw-series comparison (which no
            // dashboard runs) after it, with its own peak.
            timeQueries(central, store, result, false);
            pids.forEach((name, pid) -> result.peakRssMb.put(name, ProcStats.peakRssKb(pid) / 1024.0));
            timeQueries(central, store, result, true);
            pids.forEach((name, pid) -> result.peakAfterRawMb.put(name, ProcStats.peakRssKb(pid) / 1024.0));
            if (!side.alive()) {
                result.problems.add("a process of the run exited during it; see " + dir.resolve("logs"));
            }
        } catch (RuntimeException e) {
            result.problems.add(e.getMessage());
            say("FAILED: %s", e.getMessage());
        }
        result.loadEnd = LoadAverage.oneMinute();
        say("%d lockers, %s: done (load %.2f)", lockers, store.title(), result.loadEnd);
        return result;
    }

    private void awaitReady(PromClient central, Store store) {
        String path = store == Store.REMOTE_WRITE_VICTORIA ? "/health" : "/-/ready";
        long deadline = System.nanoTime() + READY.toNanos();
        while (!central.answers(path)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(store.title() + ": " + path + " did not answer 200 within " + READY.toSeconds() + " s");
            }
            sleep(Duration.ofMillis(500));
        }
    }

    private void idle(CentralSide side, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            if (!side.alive()) {
                throw new IllegalStateException("a process exited while warming up");
            }
            sleep(TICK);
        }
    }

    private void measureWindow(CentralSide side, PromClient central, Map<String, Long> pids, Duration window,
                               RunResult result) {
        say("measuring %d s", window.toSeconds());
        PromClient ingest = new PromClient(side.queryUrl());
        PromClient agent = side.agentUrl().map(PromClient::new).orElse(null);
        Map<String, List<Double>> rss = new LinkedHashMap<>();
        pids.keySet().forEach(name -> rss.put(name, new ArrayList<>()));
        long ticksStart = ticks(pids);
        OptionalDouble samplesStart = ingest.metric(result.store.ingestCounter(), result.store.ingestFilter());
        OptionalDouble failedStart = agent == null ? OptionalDouble.empty()
                : agent.metric("prometheus_remote_storage_samples_failed_total", "");
        OptionalDouble rulesStart = ruleSum(side, result.store);
        OptionalDouble rulesCountStart = ruleCount(side, result.store);
        long start = System.nanoTime();
        long end = start + window.toNanos();
        double lagMax = Double.NaN;
        while (System.nanoTime() < end) {
            pids.forEach((name, pid) -> rss.get(name).add(ProcStats.rssKb(pid) / 1024.0));
            if (agent != null) {
                OptionalDouble highest = agent.metric("prometheus_remote_storage_highest_timestamp_in_seconds", "");
                OptionalDouble sent = agent.metric("prometheus_remote_storage_queue_highest_sent_timestamp_seconds", "");
                if (highest.isPresent() && sent.isPresent()) {
                    double lag = Math.max(0, highest.getAsDouble() - sent.getAsDouble());
                    lagMax = Double.isNaN(lagMax) ? lag : Math.max(lagMax, lag);
                }
            }
            sleep(TICK);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        result.windowSeconds = seconds;
        result.cpuCores = (ticks(pids) - ticksStart) / (double) ProcStats.TICKS_PER_SECOND / seconds;
        rss.forEach((name, values) -> result.steadyRssMb.put(name, new Timings(values).median()));
        OptionalDouble samplesEnd = ingest.metric(result.store.ingestCounter(), result.store.ingestFilter());
        if (samplesStart.isPresent() && samplesEnd.isPresent()) {
            result.samplesPerSecond = (samplesEnd.getAsDouble() - samplesStart.getAsDouble()) / seconds;
        }
        OptionalDouble rulesEnd = ruleSum(side, result.store);
        OptionalDouble rulesCountEnd = ruleCount(side, result.store);
        if (result.store == Store.REMOTE_WRITE_VICTORIA) {
            if (rulesStart.isPresent() && rulesEnd.isPresent() && rulesCountStart.isPresent() && rulesCountEnd.isPresent()
                    && rulesCountEnd.getAsDouble() > rulesCountStart.getAsDouble()) {
                result.ruleEvalMs = 1000 * (rulesEnd.getAsDouble() - rulesStart.getAsDouble())
                        / (rulesCountEnd.getAsDouble() - rulesCountStart.getAsDouble());
            }
        } else if (rulesEnd.isPresent()) {
            result.ruleEvalMs = 1000 * rulesEnd.getAsDouble();
        }
        result.lagMaxSeconds = lagMax;
        if (agent != null) {
            OptionalDouble failedEnd = agent.metric("prometheus_remote_storage_samples_failed_total", "");
            if (failedStart.isPresent() && failedEnd.isPresent()) {
                result.samplesFailed = failedEnd.getAsDouble() - failedStart.getAsDouble();
            }
        }
        if (result.store == Store.FEDERATION) {
            String live = " and on (locker) (up{job=\"lockers\"} == 1)";
            int w = (int) Math.ceil(seconds);
            central.instant("quantile(0.5, quantile_over_time(0.5, scrape_duration_seconds{job=\"lockers\"}[" + w + "s])"
                    + live + ")").firstValue().ifPresent(v -> result.scrapeP50Ms = v * 1000);
            central.instant("max(max_over_time(scrape_duration_seconds{job=\"lockers\"}[" + w + "s])" + live + ")")
                    .firstValue().ifPresent(v -> result.scrapeMaxMs = v * 1000);
        }
    }

    /**
     * Prometheus: the last evaluation of all rule groups together, in seconds (a gauge). vmalert: the
     * sum of its groups' iteration times so far (a summary's _sum), divided by their count at the end.
     */
    private static OptionalDouble ruleSum(CentralSide side, Store store) {
        if (store == Store.REMOTE_WRITE_VICTORIA) {
            return vmalert(side).metric("vmalert_iteration_duration_seconds_sum", "");
        }
        return new PromClient(side.queryUrl()).metric("prometheus_rule_group_last_duration_seconds", "");
    }

    private static OptionalDouble ruleCount(CentralSide side, Store store) {
        if (store == Store.REMOTE_WRITE_VICTORIA) {
            return vmalert(side).metric("vmalert_iteration_duration_seconds_count", "");
        }
        return OptionalDouble.empty();
    }

    private static PromClient vmalert(CentralSide side) {
        return new PromClient(side.vmalertUrl().orElseThrow());
    }

    /**
     * Series of one healthy locker (locker-0001 is always healthy: {@link LockerKind}), and the store's
     * active series as its own /metrics counts them (the measures VictoriaMetrics' and Mimir's sizing
     * guides start from): a count over every series would hit VictoriaMetrics' 300,000-series limit
     * per query ({@code -search.maxUniqueTimeseries}) at 1,000 lockers.
     */
    private void counts(CentralSide side, PromClient central, Store store, RunResult result) {
        central.instant("count({locker=\"" + VIEW_LOCKER + "\",job=~\"gateway|provider|prometheus|functions\"})")
                .firstValue().ifPresent(v -> result.seriesPerLocker = v);
        PromClient self = new PromClient(side.queryUrl());
        (store == Store.REMOTE_WRITE_VICTORIA
                ? self.metric("vm_cache_entries", "type=\"storage/hour_metric_ids\"")
                : self.metric("prometheus_tsdb_head_series", ""))
                .ifPresent(v -> result.seriesTotal = v);
        central.instant("count(locker:last_seen_timestamp_seconds)").firstValue().ifPresent(v -> result.lastSeen = v);
        if (store == Store.FEDERATION) {
            PromClient.Answer down = central.instant("count(up{job=\"lockers\"} == 0)");
            result.notReporting = down.firstValue().orElse(0);
        }
        say("series per locker %.0f, total %.0f; last seen for %.0f of %d lockers", result.seriesPerLocker,
                result.seriesTotal, result.lastSeen, result.lockers);
    }

    private void timeQueries(PromClient central, Store store, RunResult result, boolean withoutRules) {
        List<FleetQueries.Query> queries = new ArrayList<>(FleetQueries.all(store, VIEW_LOCKER));
        queries.removeIf(query -> (query.kind == FleetQueries.Kind.WITHOUT_RULES) != withoutRules);
        say("timing %d %s queries", queries.size(), withoutRules ? "raw-series" : "dashboard");
        for (FleetQueries.Query query : queries) {
            List<Double> millis = new ArrayList<>();
            int series = 0;
            String error = null;
            double spent = 0;
            for (int i = 0; i < plan.queryRepeats; i++) {
                long now = System.currentTimeMillis() / 1000;
                PromClient.Answer answer = query.rangeSeconds == 0 ? central.instant(query.promql)
                        : central.range(query.promql, now - query.rangeSeconds, now, FleetQueries.VIEW_STEP_SECONDS);
                if (!answer.ok) {
                    error = answer.error;
                    break;
                }
                millis.add(answer.millis);
                series = answer.series;
                spent += answer.millis;
                if (spent > plan.queryBudget.toMillis() && millis.size() >= 3) {
                    break;
                }
            }
            result.queries.add(new RunResult.QueryTiming(query, new Timings(millis), series, error));
            if (error == null && series == 0 && query.kind == FleetQueries.Kind.OVERVIEW) {
                result.problems.add("the overview's \"" + query.name + "\" returned no series");
            }
        }
    }

    private static long ticks(Map<String, Long> pids) {
        return pids.values().stream().mapToLong(ProcStats::cpuTicks).sum();
    }

    private void say(String format, Object... args) {
        log.printf(Locale.ROOT, "[fleet-bench] " + format + "%n", args);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
