package io.cacifo.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The report's latency tables: the thesis' inserts, the gateway hop, the code flow and the load steps, each round's figures side by side. */
final class LatencyTables {
    private LatencyTables() {
    }

    /** One Stats figure of every round, null for a round without samples. */
    static PerRound stat(ConfigRounds config, Function<ConfigResults, Stats> stats, ToDoubleFunction<Stats> figure, String... steps) {
        return config.figures(round -> {
            Stats s = stats.apply(round);
            return s.count() == 0 ? null : figure.applyAsDouble(s);
        }, steps);
    }

    static Stats warmInserts(ConfigResults round) {
        return Stats.of(round.warm.labelled(ConfigResults.INSERT));
    }

    static Stats insertsAfterStart(ConfigResults round) {
        return Stats.of(round.afterDeploy.labelled(ConfigResults.INSERT));
    }

    static void inserts(StringBuilder out, List<ConfigRounds> configs) {
        out.append("\n### User inserts one after another (the thesis' Test 3)\n\n");
        out.append("One JMeter thread, user-manager `insert` (through the gateway; the monolith has none and is called on "
                + "its port), each call sent when the last one is answered. \"Right after start\": user-manager's JVM was "
                + "started just before, so the first call includes its warm-up; it is shown apart and not in the statistics. "
                + "\"Warm\": after the warm-up inserts. The spread is that of the mean between rounds.\n\n");
        MarkdownTable table = new MarkdownTable("run", "first call", "n", "mean", "median", "p95", "p99", "max", "errors",
                "spread of the mean");
        table.row("thesis: Raspberry Pi 3, faasd, Java functions", "~2000", 100, "78.7", 75, 97, null, 122, null, null);
        table.row("thesis: Spring Boot monolith, Raspberry Pi 3", null, 100, "51.2", null, null, null, null, null, null);
        for (ConfigRounds config : configs) {
            boolean local = config.first().record.local;
            PerRound first = config.figures(round -> {
                List<Sample> call = round.afterDeploy.labelled(ConfigResults.FIRST_CALL);
                return call.isEmpty() ? null : (double) call.get(0).elapsedMs();
            }, Plans.AFTER_DEPLOY);
            statsRow(table, config.name() + (local ? ", right after start" : ", first of this run"), first.cell(0),
                    config, LatencyTables::insertsAfterStart, Plans.AFTER_DEPLOY);
            statsRow(table, config.name() + ", warm", null, config, LatencyTables::warmInserts, Plans.WARM);
        }
        out.append(table.text());
    }

    private static void statsRow(MarkdownTable table, String name, String firstCall, ConfigRounds config,
                                 Function<ConfigResults, Stats> stats, String step) {
        PerRound mean = stat(config, stats, Stats::mean, step);
        if (mean.isEmpty()) {
            table.row(name, null, null, "missing: no samples", null, null, null, null, null, null);
            return;
        }
        table.row(name, firstCall, stat(config, stats, Stats::count).cell(0), mean.cell(1),
                stat(config, stats, Stats::median, step).cell(0), stat(config, stats, Stats::p95, step).cell(0),
                stat(config, stats, Stats::p99, step).cell(0), stat(config, stats, Stats::max, step).cell(0),
                stat(config, stats, Stats::errors).cell(0), mean.spreadCell());
    }

    static void hop(StringBuilder out, List<ConfigRounds> configs) {
        MarkdownTable table = new MarkdownTable("configuration", "call", "rounds of calls", "median through the gateway µs",
                "median straight to the port µs", "through / straight", "p99 through µs", "p99 straight µs");
        for (ConfigRounds config : configs) {
            for (String call : new String[] {HopTimer.INSERT, HopTimer.VALIDATE}) {
                String via = call + " via gateway";
                String direct = call + " direct";
                PerRound ratio = hopRatio(config, call);
                if (ratio.isEmpty()) {
                    continue;
                }
                table.row(config.name(), call, config.figures(r -> (double) r.hopRounds(via)).cell(0),
                        hopFigure(config, via, 50).cell(0), hopFigure(config, direct, 50).cell(0), ratio.cell(2, "×"),
                        hopFigure(config, via, 99).cell(0), hopFigure(config, direct, 99).cell(0));
            }
        }
        out.append("\n### The gateway hop\n\n");
        if (table.isEmpty()) {
            out.append("Missing: no configuration of this run measured it.\n");
            return;
        }
        out.append("The same signed call through the devstack's gateway and straight to the function's own port, "
                + "alternating, after warm-up calls; timed by the bench itself in µs (JMeter's files hold whole ms). "
                + "The ratio is taken within each round.\n\n");
        out.append(table.text());
    }

    static PerRound hopFigure(ConfigRounds config, String route, double percentile) {
        return config.figures(r -> {
            double micros = r.percentileMicros(route, percentile);
            return micros < 0 ? null : micros;
        }, Plans.HOP);
    }

    /** Median through the gateway over median straight to the port, in each round. */
    static PerRound hopRatio(ConfigRounds config, String call) {
        return config.figures(r -> {
            double via = r.hopMedian(call + " via gateway");
            double direct = r.hopMedian(call + " direct");
            return via <= 0 || direct <= 0 ? null : via / direct;
        }, Plans.HOP);
    }

    static void codeFlow(StringBuilder out, List<ConfigRounds> configs) {
        MarkdownTable table = new MarkdownTable("configuration", "measure", "n", "mean", "median", "p95", "p99", "max", "errors");
        List<String> busy = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Set<Integer> warmups = new LinkedHashSet<>();
        for (ConfigRounds config : configs) {
            if (config.rounds.stream().allMatch(r -> r.flow.samples().isEmpty())) {
                continue;
            }
            flowRow(table, config, "code entry → door open (deposit and pick-up)", ConfigResults::codeEntries);
            flowRow(table, config, "whole cycle: deposit entry → … → DELIVERED", ConfigResults::cycles);
            busy.add(config.name() + " " + config.figures(r -> (double) r.doorBusyRetries()).cell(0));
            config.rounds.forEach(r -> warmups.add(r.record.codeFlowWarmupCycles));
            config.rounds.forEach(r -> failures(r).ifPresent(failed::add));
        }
        out.append("\n### Code flow\n\n");
        if (table.isEmpty()) {
            out.append("Missing: no configuration of this run measured it.\n");
            return;
        }
        out.append("JMeter types codes on screen-io as the touchscreen does: screen-io → controller → reservation-manager "
                + "validate → journal → door-io open → lock board, answered once the door is open. Each cycle seals and "
                + "inserts a new parcel (not timed), types its deposit code, waits until it is IN_STORAGE (the simulator "
                + "closes the door after " + BenchRun.AUTO_CLOSE_MS + " ms), types the pick-up code and waits until it is "
                + "DELIVERED (status polled every 10 ms). The first cycles of each run (" + joined(warmups)
                + ") warm the path up and are left out of the figures, so p99 is not the first cold cycle. Entries "
                + "answered \"door busy\" while the previous operation was still being journalled, retried after 10 ms: "
                + String.join(", ", busy) + ".\n\n");
        out.append(table.text());
        for (String failure : failed) {
            out.append("\n").append(failure).append('\n');
        }
    }

    /**
     * What went wrong in one round's code-flow run (JMeter ends well even when samples fail): the
     * failed samples by label and status, and how many cycles completed; empty when nothing failed.
     */
    static Optional<String> failures(ConfigResults round) {
        List<Sample> failed = round.flow.where(s -> !s.success());
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> byLabel = new LinkedHashMap<>();
        failed.forEach(s -> byLabel.merge(s.label() + " → " + s.responseCode(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        byLabel.forEach((label, count) -> parts.add(count + " × " + label));
        int cycles = round.flow.labelled(ConfigResults.CYCLE).size();
        int warmup = round.record.codeFlowWarmupCycles;
        return Optional.of("**" + round.record.config + ", round " + round.round + ": " + failed.size()
                + " failed samples in the code-flow run** (" + String.join(", ", parts) + "); " + cycles
                + (cycles == 1 ? " cycle" : " cycles") + " completed"
                + (cycles <= warmup ? ", no more than its " + warmup + " warm-up cycles, so that round gives no code-flow figures" : "")
                + ".");
    }

    private static void flowRow(MarkdownTable table, ConfigRounds config, String measure, Function<ConfigResults, Stats> stats) {
        table.row(config.name(), measure, stat(config, stats, Stats::count).cell(0),
                stat(config, stats, Stats::mean, Plans.CODE_FLOW).cell(1),
                stat(config, stats, Stats::median, Plans.CODE_FLOW).cell(0),
                stat(config, stats, Stats::p95, Plans.CODE_FLOW).cell(0),
                stat(config, stats, Stats::p99, Plans.CODE_FLOW).cell(0),
                stat(config, stats, Stats::max, Plans.CODE_FLOW).cell(0),
                stat(config, stats, Stats::errors).cell(0));
    }

    static PerRound loadFigure(ConfigRounds config, String call, int threads, ToDoubleFunction<Stats> figure) {
        return stat(config, round -> round.loadStep(call, threads), figure, Plans.LOAD);
    }

    static void load(StringBuilder out, List<ConfigRounds> configs) {
        MarkdownTable table = new MarkdownTable("configuration", "call", "threads", "req/s", "spread of req/s", "mean",
                "median", "p99", "max", "errors");
        List<String> connections = new ArrayList<>();
        for (ConfigRounds config : configs) {
            Set<String> labels = new LinkedHashSet<>();
            config.rounds.forEach(r -> labels.addAll(r.loadLabels()));
            for (String label : labels) {
                String call = label.substring(0, label.lastIndexOf(" x"));
                int threads = Integer.parseInt(label.substring(label.lastIndexOf(" x") + 2));
                PerRound rate = loadFigure(config, call, threads, Stats::throughputPerSecond);
                table.row(config.name(), call, threads, rate.cell(0), rate.spreadCell(),
                        loadFigure(config, call, threads, Stats::mean).cell(1),
                        loadFigure(config, call, threads, Stats::median).cell(0),
                        loadFigure(config, call, threads, Stats::p99).cell(0),
                        loadFigure(config, call, threads, Stats::max).cell(0),
                        stat(config, round -> round.loadStep(call, threads), Stats::errors).cell(0));
            }
            PerRound tcp = config.figures(r -> r.record.loadTcpOpened < 0 || r.load.samples().isEmpty() ? null
                    : (double) r.record.loadTcpOpened);
            // The second reading of MariaDB's counter opens a connection of its own, which it counts.
            PerRound db = config.figures(r -> r.record.loadDbConnections < 0 || r.load.samples().isEmpty() ? null
                    : (double) Math.max(0, r.record.loadDbConnections - 1));
            if (!tcp.isEmpty()) {
                connections.add(config.name() + ": " + config.figures(r -> r.load.samples().isEmpty() ? null
                        : (double) r.load.samples().size()).cell(0) + " calls, " + tcp.cell(0)
                        + " TCP connections opened on the machine, " + db.cell(0) + " new MariaDB connections by the functions");
            }
        }
        out.append("\n### Load\n\n");
        if (table.isEmpty()) {
            out.append("Missing: no configuration of this run measured it.\n");
            return;
        }
        out.append("JMeter threads sending back to back (no think time), each step for a fixed time after a 1 s ramp-up, "
                + "steps one after another: reservation-manager `validate` of a valid code (200), then user-manager `insert` "
                + "(201). JMeter runs on the same two cores as the locker. The spread is that of req/s between rounds.\n\n");
        out.append(table.text());
        if (!connections.isEmpty()) {
            out.append("\nConnections during the load plan (pools and keep-alive, not one per call; the TCP count includes "
                    + "JMeter's and other programs'): ").append(String.join("; ", connections)).append(".\n");
        }
    }

    private static String joined(Set<Integer> values) {
        List<String> parts = new ArrayList<>();
        values.forEach(v -> parts.add(Integer.toString(v)));
        return String.join(" or ", parts);
    }
}
