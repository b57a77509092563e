package io.cacifo.bench;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The generated part of docs/performance.md from the results folders: the run's machine, rounds
 * and configurations, how busy the machine was, the targets, and one table per measurement with
 * every round's figure. All latencies are milliseconds unless a header says µs; percentiles are
 * nearest-rank ({@link Stats}).
 */
final class Report {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final List<ConfigRounds> configs;
    private final String command;

    Report(List<ConfigRounds> configs, String command) {
        this.configs = configs;
        this.command = command;
    }

    String markdown() {
        if (configs.isEmpty()) {
            return "No results yet: run `bin/bench`.\n";
        }
        StringBuilder out = new StringBuilder();
        header(out);
        machineUse(out);
        ConfigRounds main = find("tuned").orElse(configs.get(0));
        if (main.first().record.local) {
            out.append("\n### Targets (").append(main.name()).append(", devstack on this machine)\n\n");
            out.append(Targets.text(configs));
        }
        MonolithTables.write(out, configs);
        List<ConfigRounds> latency = withLatency();
        LatencyTables.inserts(out, latency);
        LatencyTables.hop(out, latency);
        LatencyTables.codeFlow(out, latency);
        LatencyTables.load(out, latency);
        List<ConfigRounds> functions = ofKind(JvmConfig.Kind.FUNCTIONS);
        ResourceTables.memory(out, functions);
        ResourceTables.startup(out, functions);
        EmulatedTables.write(out, configs);
        ColdLockerTable.write(out, configs);
        return out.toString();
    }

    private void header(StringBuilder out) {
        ConfigResults first = earliest();
        out.append("## Latest run\n\n");
        out.append("`").append(command).append("`, ").append(WHEN.format(first.record.startedAt)).append(". ");
        if (first.record.local) {
            out.append("Devstack on ").append(first.record.machine).append("; functions on ").append(first.record.java)
                    .append(".\n");
        } else {
            out.append("Against the locker at ").append(first.record.gateway).append("; JMeter on ")
                    .append(first.record.machine).append(".\n");
        }
        int rounds = rounds();
        out.append("\n").append(rounds).append(rounds == 1 ? " round" : " rounds")
                .append(", each configuration on a fresh devstack, every even round in the reverse order so that a machine "
                        + "getting busier or quieter weighs on all alike; configurations run under emulation make no "
                        + "latency claim and run once. In the tables, a cell holds one figure per round (round 1 / round 2 …), "
                        + "and ratios are taken within a round. Order: ")
                .append(order()).append(". Back-end actions (inserts) were signed with ")
                .append(first.record.ecdsaForBackendActions ? "the back-end's ECDSA key"
                        : "the internal HMAC key (no back-end key in the locker's secrets)")
                .append(". Results, JTL files and JMeter's HTML dashboards: `jmeter/results/<configuration>/round-<n>/`.\n\n");
        MarkdownTable flags = new MarkdownTable("configuration", "JVM flags", "what it is");
        for (ConfigRounds config : configs) {
            flags.row(config.name(), "`" + config.first().record.flags + "`", config.first().record.meaning);
        }
        out.append(flags.text());
        for (ConfigRounds config : configs) {
            for (ConfigResults round : config.rounds) {
                String who = config.name() + ", round " + round.round;
                for (String note : round.record.notes) {
                    out.append("\n").append(who).append(": ").append(note).append('\n');
                }
                for (Map.Entry<String, String> plan : round.record.plans.entrySet()) {
                    if (!"ok".equals(plan.getValue())) {
                        out.append("\n**").append(who).append(": ").append(plan.getKey()).append(" gave no results:** ")
                                .append(plan.getValue()).append('\n');
                    }
                }
            }
        }
    }

    /** When each configuration-run began, in the order they ran. */
    private String order() {
        List<ConfigResults> all = configs.stream().flatMap(c -> c.rounds.stream())
                .filter(r -> r.record.startedAt != null)
                .sorted(Comparator.comparing(r -> r.record.startedAt)).collect(Collectors.toList());
        List<String> parts = new ArrayList<>();
        for (ConfigResults run : all) {
            parts.add(run.record.config + " " + run.round + " (" + TIME.format(run.record.startedAt) + ")");
        }
        return String.join(", ", parts);
    }

    /**
     * Per configuration-run: the 1-minute load when it began, and the cores processes outside the
     * bench used on average during each step ({@link ForeignCpu}).
     */
    private void machineUse(StringBuilder out) {
        Set<String> steps = new LinkedHashSet<>();
        for (ConfigRounds config : configs) {
            for (ConfigResults round : config.rounds) {
                if (round.record.foreignCores != null) {
                    round.record.foreignCores.keySet().stream().filter(step -> !step.startsWith("start of ")).forEach(steps::add);
                }
            }
        }
        List<String> header = new ArrayList<>(List.of("configuration", "round", "1-min load at start"));
        header.addAll(steps);
        MarkdownTable table = new MarkdownTable(header.toArray(new String[0]));
        for (ConfigRounds config : configs) {
            for (ConfigResults round : config.rounds) {
                List<Object> row = new ArrayList<>(List.of(config.name(), round.round,
                        MarkdownTable.number(round.record.loadBefore, 2)));
                for (String step : steps) {
                    row.add(round.foreignCores(step).map(cores -> MarkdownTable.number(cores, 2)
                            + (cores > ForeignCpu.BUSY_CORES ? PerRound.BUSY_MARK : "")).orElse(null));
                }
                table.row(row.toArray());
            }
        }
        out.append("\n### How busy the machine was\n\n");
        out.append(String.format(Locale.ROOT, "Each configuration-run began once the 1-minute load was below %.1f (unless "
                + "`--no-wait`). During each step, the bench measured the CPU that processes outside its own process tree "
                + "used (the machine's non-idle time in /proc/stat minus the bench, its devstack, MariaDB and JMeter), in "
                + "cores on average. Above %.2f cores the step's figures are marked %s here and in every table below.\n\n",
                Bench.QUIET_LOAD, ForeignCpu.BUSY_CORES, PerRound.BUSY_MARK));
        out.append(table.text());
    }

    private ConfigResults earliest() {
        return configs.stream().flatMap(c -> c.rounds.stream()).filter(r -> r.record.startedAt != null)
                .min(Comparator.comparing(r -> r.record.startedAt)).orElse(configs.get(0).first());
    }

    private int rounds() {
        return configs.stream().mapToInt(c -> c.rounds.size()).max().orElse(0);
    }

    /** Every configuration but the emulated ones: emulation makes no latency claim. */
    private List<ConfigRounds> withLatency() {
        return configs.stream().filter(c -> c.kind() != JvmConfig.Kind.EMULATED_ARM64).collect(Collectors.toList());
    }

    private List<ConfigRounds> ofKind(JvmConfig.Kind kind) {
        return configs.stream().filter(c -> c.kind() == kind).collect(Collectors.toList());
    }

    private Optional<ConfigRounds> find(String name) {
        return find(configs, name);
    }

    static Optional<ConfigRounds> find(List<ConfigRounds> configs, String name) {
        return configs.stream().filter(config -> name.equals(config.name())).findFirst();
    }

    static Optional<ConfigRounds> firstOfKind(List<ConfigRounds> configs, JvmConfig.Kind kind) {
        return configs.stream().filter(config -> config.kind() == kind).findFirst();
    }
}
