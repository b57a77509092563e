package io.cacifo.bench;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The generated part of docs/performance.md from the results folders: the run's machine and
 * configurations, the targets, and one table per measurement in the thesis' shape. All latencies
 * are milliseconds unless a header says µs; percentiles are nearest-rank ({@link Stats}).
 */
final class Report {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final List<ConfigResults> configs;
    private final String command;

    Report(List<ConfigResults> configs, String command) {
        this.configs = configs;
        this.command = command;
    }

    String markdown() {
        if (configs.isEmpty()) {
            return "No results yet: run `bin/bench`.\n";
        }
        StringBuilder out = new StringBuilder();
        header(out);
        ConfigResults main = find("tuned").orElse(configs.get(0));
        if (main.record.local) {
            out.append("\n### Targets (").append(main.name()).append(", devstack on this machine, warm)\n\n");
            out.append(Targets.table(main, find("defaults")).text());
        }
        inserts(out);
        hop(out);
        codeFlow(out);
        load(out);
        ResourceTables.memory(out, configs);
        ResourceTables.startup(out, configs);
        return out.toString();
    }

    private void header(StringBuilder out) {
        ConfigResults first = configs.get(0);
        out.append("## Latest run\n\n");
        out.append("`").append(command).append("`, ").append(WHEN.format(first.record.startedAt)).append(". ");
        if (first.record.local) {
            out.append("Devstack on ").append(first.record.machine).append("; functions on ").append(first.record.java)
                    .append(".\n");
        } else {
            out.append("Against the locker at ").append(first.record.gateway).append("; JMeter on ")
                    .append(first.record.machine).append(".\n");
        }
        out.append("1-minute load when each part began (quiet below 1.5): ");
        List<String> loads = new ArrayList<>();
        for (ConfigResults config : configs) {
            loads.add(String.format(Locale.ROOT, "%s %.2f", config.name(), config.record.loadBefore));
        }
        out.append(String.join(", ", loads)).append(". Back-end actions (inserts) were signed with ")
                .append(first.record.ecdsaForBackendActions ? "the back-end's ECDSA key" : "the internal HMAC key (no back-end key in the locker's secrets)")
                .append(". Results, JTL files and JMeter's HTML dashboards: `jmeter/results/<configuration>/`.\n\n");
        MarkdownTable flags = new MarkdownTable("configuration", "JVM flags of every function", "what it is");
        for (ConfigResults config : configs) {
            flags.row(config.name(), "`" + config.record.flags + "`", config.record.meaning);
        }
        out.append(flags.text());
        for (ConfigResults config : configs) {
            for (String note : config.record.notes) {
                out.append("\n").append(config.name()).append(": ").append(note).append('\n');
            }
            for (Map.Entry<String, String> plan : config.record.plans.entrySet()) {
                if (!"ok".equals(plan.getValue())) {
                    out.append("\n**").append(config.name()).append(": ").append(plan.getKey()).append(" gave no results:** ")
                            .append(plan.getValue()).append('\n');
                }
            }
        }
    }

    private void inserts(StringBuilder out) {
        out.append("\n### User inserts one after another (the thesis' Test 3)\n\n");
        out.append("One JMeter thread, user-manager `insert` through the gateway, each call sent when the last one "
                + "is answered. \"Right after start\": user-manager's JVM was started just before, so the first call "
                + "includes its warm-up; it is shown apart and not in the statistics. \"Warm\": after the warm-up inserts.\n\n");
        MarkdownTable table = new MarkdownTable("run", "first call", "n", "mean", "median", "p95", "p99", "max", "errors");
        table.row("thesis: Raspberry Pi 3, faasd, Java functions", "~2000", 100, "78.7", 75, 97, null, 122, null);
        table.row("thesis: Spring Boot monolith, Raspberry Pi 3", null, 100, "51.2", null, null, null, null, null);
        for (ConfigResults config : configs) {
            insertRow(table, config.name() + (config.record.local ? ", right after start" : ", first of this run"),
                    config.afterDeploy, true);
            insertRow(table, config.name() + ", warm", config.warm, false);
        }
        out.append(table.text());
    }

    /** The first call is shown only right after a start: in the warm run it is merely the run's first. */
    private static void insertRow(MarkdownTable table, String name, Jtl jtl, boolean firstCall) {
        Stats stats = Stats.of(jtl.labelled(ConfigResults.INSERT));
        if (stats.count() == 0) {
            return;
        }
        List<Sample> first = jtl.labelled(ConfigResults.FIRST_CALL);
        table.row(name, !firstCall || first.isEmpty() ? null
                        : first.get(0).elapsedMs() + (first.get(0).success() ? "" : " (failed)"),
                stats.count(), MarkdownTable.number(stats.mean(), 1), stats.median(), stats.p95(), stats.p99(),
                stats.max(), stats.errors());
    }

    private void hop(StringBuilder out) {
        MarkdownTable table = new MarkdownTable("configuration", "call", "rounds", "median through the gateway µs",
                "median straight to the port µs", "through / straight", "p99 through µs", "p99 straight µs");
        for (ConfigResults config : configs) {
            for (String call : new String[] {HopTimer.INSERT, HopTimer.VALIDATE}) {
                double via = config.hopMedian(call + " via gateway");
                double direct = config.hopMedian(call + " direct");
                if (via < 0 || direct < 0) {
                    continue;
                }
                table.row(config.name(), call, config.hopRounds(call + " via gateway"), MarkdownTable.number(via, 0),
                        MarkdownTable.number(direct, 0), MarkdownTable.number(via / direct, 2) + "×",
                        MarkdownTable.number(config.percentileMicros(call + " via gateway", 99), 0),
                        MarkdownTable.number(config.percentileMicros(call + " direct", 99), 0));
            }
        }
        if (table.isEmpty()) {
            return;
        }
        out.append("\n### The gateway hop\n\n");
        out.append("The same signed call through the devstack's gateway and straight to the function's own port, "
                + "alternating, after warm-up rounds; timed by the bench itself in µs (JMeter's files hold whole ms).\n\n");
        out.append(table.text());
    }

    private void codeFlow(StringBuilder out) {
        MarkdownTable table = new MarkdownTable("configuration", "measure", "n", "mean", "median", "p95", "p99", "max", "errors");
        List<String> busy = new ArrayList<>();
        for (ConfigResults config : configs) {
            if (config.flow.samples().isEmpty()) {
                continue;
            }
            statsRow(table, config.name(), "code entry → door open (deposit and pick-up)", config.codeEntries());
            statsRow(table, config.name(), "whole cycle: deposit entry → … → DELIVERED",
                    Stats.of(config.flow.labelled(ConfigResults.CYCLE)));
            busy.add(config.name() + " " + config.doorBusyRetries());
        }
        if (table.isEmpty()) {
            return;
        }
        out.append("\n### Code flow\n\n");
        out.append("JMeter types codes on screen-io as the touchscreen does: screen-io → controller → reservation-manager "
                + "validate → journal → door-io open → lock board, answered once the door is open. Each cycle seals and "
                + "inserts a new parcel (not timed), types its deposit code, waits until it is IN_STORAGE (the simulator "
                + "closes the door after " + BenchRun.AUTO_CLOSE_MS + " ms), types the pick-up code and waits until it is "
                + "DELIVERED (status polled every 10 ms). Entries answered \"door busy\" while the previous operation was "
                + "still being journalled, retried after 10 ms: " + String.join(", ", busy) + ".\n\n");
        out.append(table.text());
    }

    private void load(StringBuilder out) {
        MarkdownTable table = new MarkdownTable("configuration", "call", "threads", "samples", "req/s", "mean", "median",
                "p95", "p99", "max", "errors");
        for (ConfigResults config : configs) {
            for (String label : config.loadLabels()) {
                String call = label.substring(0, label.lastIndexOf(" x"));
                int threads = Integer.parseInt(label.substring(label.lastIndexOf(" x") + 2));
                Stats stats = config.loadStep(call, threads);
                table.row(config.name(), call, threads, stats.count(), MarkdownTable.number(stats.throughputPerSecond(), 0),
                        MarkdownTable.number(stats.mean(), 1), stats.median(), stats.p95(), stats.p99(), stats.max(),
                        stats.errors() + (stats.errors() > 0 ? String.format(Locale.ROOT, " (%.1f %%)", stats.errorPercent()) : ""));
            }
        }
        if (table.isEmpty()) {
            return;
        }
        out.append("\n### Load\n\n");
        out.append("JMeter threads sending back to back (no think time), each step for a fixed time after a 1 s ramp-up, "
                + "steps one after another: reservation-manager `validate` of a valid code (200), then user-manager `insert` "
                + "(201). JMeter runs on the same two cores as the locker.\n\n");
        out.append(table.text());
        List<String> connections = new ArrayList<>();
        for (ConfigResults config : configs) {
            if (config.record.loadTcpOpened >= 0 && !config.load.samples().isEmpty()) {
                // The second reading of MariaDB's counter opens a connection of its own, which it counts.
                connections.add(String.format(Locale.ROOT, "%s: %,d calls, %,d TCP connections opened on the machine "
                                + "(JMeter's and other programs' included), %,d new MariaDB connections by the functions",
                        config.name(), config.load.samples().size(), config.record.loadTcpOpened,
                        Math.max(0, config.record.loadDbConnections - 1)));
            }
        }
        if (!connections.isEmpty()) {
            out.append("\nConnections during the load plan (pools and keep-alive, not one per call): ")
                    .append(String.join("; ", connections)).append(".\n");
        }
    }

    private static void statsRow(MarkdownTable table, String config, String measure, Stats stats) {
        table.row(config, measure, stats.count(), MarkdownTable.number(stats.mean(), 1), stats.median(), stats.p95(),
                stats.p99(), stats.max(), stats.errors());
    }

    private Optional<ConfigResults> find(String name) {
        return find(configs, name);
    }

    static Optional<ConfigResults> find(List<ConfigResults> configs, String name) {
        return configs.stream().filter(config -> name.equals(config.name())).findFirst();
    }
}
