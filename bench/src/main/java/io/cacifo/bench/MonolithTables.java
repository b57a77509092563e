package io.cacifo.bench;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The thesis' comparison: the seven functions (the configuration with the monolith's flags, tuned)
 * beside the same handlers in one JVM, insert latency and memory, with the ratio taken in each round.
 */
final class MonolithTables {
    /** The thesis on a Pi 3: 78.7 ms mean through faasd against 51.2 ms for the Spring Boot monolith. */
    static final double THESIS_RATIO = 78.7 / 51.2;

    private MonolithTables() {
    }

    /** The seven functions the monolith is compared with: tuned, whose flags it shares, else the first such configuration. */
    static Optional<ConfigRounds> functions(List<ConfigRounds> configs) {
        return Report.find(configs, "tuned").filter(c -> c.kind() == JvmConfig.Kind.FUNCTIONS)
                .or(() -> Report.firstOfKind(configs, JvmConfig.Kind.FUNCTIONS));
    }

    /** Mean warm insert of the functions over the monolith's, within each round. */
    static PerRound meanRatio(ConfigRounds functions, ConfigRounds monolith) {
        return PerRound.paired(functions, monolith, (f, m) -> {
            Stats a = LatencyTables.warmInserts(f);
            Stats b = LatencyTables.warmInserts(m);
            return a.count() == 0 || b.count() == 0 || b.mean() == 0 ? null : a.mean() / b.mean();
        }, Plans.WARM);
    }

    static void write(StringBuilder out, List<ConfigRounds> configs) {
        out.append("\n### Seven functions beside one monolith (the thesis' comparison)\n\n");
        Optional<ConfigRounds> monolith = Report.firstOfKind(configs, JvmConfig.Kind.MONOLITH);
        Optional<ConfigRounds> functions = functions(configs);
        if (monolith.isEmpty() || functions.isEmpty()) {
            out.append("Missing: this run has ").append(monolith.isEmpty() ? "no monolith configuration" : "no configuration of seven functions")
                    .append(", so there is nothing to compare.\n");
            return;
        }
        ConfigRounds f = functions.get();
        ConfigRounds m = monolith.get();
        out.append("The same user inserts (JMeter latency-insert, one thread) against ").append(f.name())
                .append("'s seven functions through the gateway and against ").append(m.name())
                .append(": the seven handlers in one JVM behind one HTTP server, calling each other in-process, called on "
                        + "its port (the thesis' monolith had no gateway). Memory after all the plans: the seven JVMs "
                        + "together against the one. Ratios are taken within each round.\n\n");
        MarkdownTable latency = new MarkdownTable("run", "n", "mean", "median", "p95", "p99", "max", "errors");
        for (ConfigRounds config : List.of(f, m)) {
            row(latency, config.name() + ", right after start", config, LatencyTables::insertsAfterStart, Plans.AFTER_DEPLOY);
            row(latency, config.name() + ", warm", config, LatencyTables::warmInserts, Plans.WARM);
        }
        out.append(latency.text());
        PerRound ratio = meanRatio(f, m);
        out.append("\nMean warm insert, ").append(f.name()).append(" / ").append(m.name()).append(": ")
                .append(ratio.isEmpty() ? "missing (a side has no warm inserts)" : ratio.cell(2, "×"))
                .append(String.format(java.util.Locale.ROOT, " (goal ≤ %s×; the thesis measured %.2f× on a Pi 3).%n%n",
                        MarkdownTable.number(Targets.MONOLITH_RATIO, 1), THESIS_RATIO));
        MarkdownTable memory = new MarkdownTable("what", "JVMs", "RSS idle MB", "RSS after MB", "PSS after MB");
        for (ConfigRounds config : List.of(f, m)) {
            memory.row(config.name() + (config == m ? " (one JVM)" : " (seven JVMs together)"),
                    config.first().record.memoryAfterLoad == null ? null : config.first().record.memoryAfterLoad.size(),
                    ResourceTables.total(config, r -> r.memoryIdle, ProcessMemory::rssMb, Plans.MEMORY_IDLE).cell(1),
                    ResourceTables.total(config, r -> r.memoryAfterLoad, ProcessMemory::rssMb, Plans.MEMORY_AFTER_LOAD).cell(1),
                    ResourceTables.total(config, r -> r.memoryAfterLoad, ProcessMemory::pssMb, Plans.MEMORY_AFTER_LOAD).cell(1));
        }
        out.append(memory.text());
    }

    private static void row(MarkdownTable table, String name, ConfigRounds config, Function<ConfigResults, Stats> stats, String step) {
        PerRound mean = LatencyTables.stat(config, stats, Stats::mean, step);
        if (mean.isEmpty()) {
            table.row(name, null, "missing: no samples", null, null, null, null, null);
            return;
        }
        table.row(name, LatencyTables.stat(config, stats, Stats::count).cell(0), mean.cell(1),
                LatencyTables.stat(config, stats, Stats::median, step).cell(0),
                LatencyTables.stat(config, stats, Stats::p95, step).cell(0),
                LatencyTables.stat(config, stats, Stats::p99, step).cell(0),
                LatencyTables.stat(config, stats, Stats::max, step).cell(0),
                LatencyTables.stat(config, stats, Stats::errors).cell(0));
    }
}
