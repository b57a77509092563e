package io.cacifo.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.DoubleFunction;

/**
 * The targets for the tuned configuration on this machine's devstack: each round's figure,
 * met or missed and by how much, and whether a round's figure was taken on a busy machine. A target
 * is met when every round meets it. A target whose measurement is missing says so.
 */
final class Targets {
    static final double RSS_MB = 56;
    static final double PSS_MB = 250;
    static final double HOP_RATIO = 1.3;
    static final double SHARE_OF_DEFAULTS_PERCENT = 75;
    static final double ENTRY_MEDIAN_MS = 15;
    static final double ENTRY_P99_MS = 40;
    static final double COLD_LOCKER_MS = 3000;
    static final double MONOLITH_RATIO = 1.3;

    private Targets() {
    }

    static String text(List<ConfigRounds> configs) {
        Optional<ConfigRounds> found = Report.find(configs, "tuned").filter(c -> c.kind() == JvmConfig.Kind.FUNCTIONS)
                .or(() -> Report.firstOfKind(configs, JvmConfig.Kind.FUNCTIONS));
        if (found.isEmpty()) {
            return "Missing: no configuration of seven functions in this run, so no target was measured.\n";
        }
        ConfigRounds tuned = found.get();
        int rounds = configs.stream().mapToInt(c -> c.rounds.size()).max().orElse(1);
        List<String> header = new ArrayList<>(List.of("target", "goal"));
        for (int round = 1; round <= rounds; round++) {
            header.add("round " + round);
        }
        header.add("result");
        header.add("taken on a busy machine");
        MarkdownTable table = new MarkdownTable(header.toArray(new String[0]));
        Row row = new Row(table, rounds);

        PerRound largest = tuned.figures(r -> largest(r.record.memoryAfterLoad).map(e -> e.getValue().rssMb()).orElse(null),
                Plans.MEMORY_AFTER_LOAD);
        row.add("RSS after load, every function (" + tuned.name() + ")", "≤ " + number(RSS_MB) + " MB", largest,
                (round, mb) -> String.format(Locale.ROOT, "largest %s: %.1f MB", tuned.round(round)
                        .flatMap(r -> largest(r.record.memoryAfterLoad)).map(Map.Entry::getKey).orElse("?"), mb),
                mb -> atMost(mb, RSS_MB, "MB"), "memory not measured");
        PerRound pss = ResourceTables.total(tuned, r -> r.memoryAfterLoad, ProcessMemory::pssMb, Plans.MEMORY_AFTER_LOAD);
        row.add("PSS of the seven after load", "≤ " + number(PSS_MB) + " MB", pss,
                (round, mb) -> String.format(Locale.ROOT, "%.1f MB", mb), mb -> atMost(mb, PSS_MB, "MB"), "memory not measured");
        for (String call : new String[] {HopTimer.VALIDATE, HopTimer.INSERT}) {
            row.add("gateway hop, " + call + ": median through / straight", "≤ " + number(HOP_RATIO) + "×",
                    LatencyTables.hopRatio(tuned, call), (round, ratio) -> String.format(Locale.ROOT, "%.2f×", ratio),
                    ratio -> atMost(ratio, HOP_RATIO, "×"), "the hop was not measured");
        }
        Optional<ConfigRounds> defaults = Report.find(configs, "defaults");
        String share = "validate at 50 threads: tuned req/s as a share of the defaults' in the same round";
        if (defaults.isPresent()) {
            PerRound percent = PerRound.paired(tuned, defaults.get(), (t, d) -> {
                Stats mine = t.loadStep(HopTimer.VALIDATE, 50);
                Stats theirs = d.loadStep(HopTimer.VALIDATE, 50);
                return mine.count() == 0 || theirs.count() == 0 ? null
                        : 100 * mine.throughputPerSecond() / theirs.throughputPerSecond();
            }, Plans.LOAD);
            row.add(share, "≥ " + number(SHARE_OF_DEFAULTS_PERCENT) + " %", percent,
                    (round, p) -> String.format(Locale.ROOT, "%.0f %% (%.0f / %.0f req/s)", p, rate(tuned, round),
                            rate(defaults.get(), round)),
                    p -> atLeast(p, SHARE_OF_DEFAULTS_PERCENT, "points"), "the 50-thread validate step is missing");
        } else {
            row.missing(share, "≥ " + number(SHARE_OF_DEFAULTS_PERCENT) + " %", "missing: no defaults configuration in this run");
        }
        row.add("code entry → door open: median", "≤ " + number(ENTRY_MEDIAN_MS) + " ms",
                LatencyTables.stat(tuned, ConfigResults::codeEntries, Stats::median, Plans.CODE_FLOW),
                (round, ms) -> String.format(Locale.ROOT, "%.0f ms (n %d)", ms, tuned.round(round).map(r -> r.codeEntries().count()).orElse(0)),
                ms -> atMost(ms, ENTRY_MEDIAN_MS, "ms"), "the code flow was not measured");
        row.add("code entry → door open: p99", "≤ " + number(ENTRY_P99_MS) + " ms",
                LatencyTables.stat(tuned, ConfigResults::codeEntries, Stats::p99, Plans.CODE_FLOW),
                (round, ms) -> String.format(Locale.ROOT, "%.0f ms", ms), ms -> atMost(ms, ENTRY_P99_MS, "ms"),
                "the code flow was not measured");
        row.add("cold locker: power on → first door opened by a typed code", "≤ " + number(COLD_LOCKER_MS / 1000) + " s",
                ColdLockerTable.firstOpenDoor(tuned), (round, ms) -> String.format(Locale.ROOT, "%.2f s", ms / 1000),
                ms -> atMost(ms / 1000, COLD_LOCKER_MS / 1000, "s"), "the cold locker was not measured");
        String monolithTarget = "mean warm insert, seven functions / monolith";
        Optional<ConfigRounds> monolith = Report.firstOfKind(configs, JvmConfig.Kind.MONOLITH);
        if (monolith.isPresent()) {
            row.add(monolithTarget + " (" + tuned.name() + " / " + monolith.get().name() + ")",
                    "≤ " + number(MONOLITH_RATIO) + "× (thesis " + MarkdownTable.number(MonolithTables.THESIS_RATIO, 2) + "×)",
                    MonolithTables.meanRatio(tuned, monolith.get()), (round, ratio) -> String.format(Locale.ROOT, "%.2f×", ratio),
                    ratio -> atMost(ratio, MONOLITH_RATIO, "×"), "a side has no warm inserts");
        } else {
            row.missing(monolithTarget, "≤ " + number(MONOLITH_RATIO) + "×", "missing: no monolith configuration in this run");
        }
        return table.text();
    }

    /** One target's row: each round's figure, the verdict over all rounds, and which rounds were busy. */
    private static final class Row {
        private final MarkdownTable table;
        private final int rounds;

        Row(MarkdownTable table, int rounds) {
            this.table = table;
            this.rounds = rounds;
        }

        void add(String target, String goal, PerRound values, BiFunction<Integer, Double, String> show,
                 DoubleFunction<String> verdict, String whyMissing) {
            if (values.isEmpty()) {
                missing(target, goal, "missing: " + whyMissing);
                return;
            }
            List<Object> cells = new ArrayList<>(List.of(target, goal));
            List<String> met = new ArrayList<>();
            List<String> missed = new ArrayList<>();
            List<String> busy = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                PerRound.Value value = value(values, round);
                if (value == null) {
                    cells.add(null);
                    continue;
                }
                String result = verdict.apply(value.value);
                cells.add(show.apply(round, value.value) + (value.busy ? " " + PerRound.BUSY_MARK : ""));
                if ("met".equals(result)) {
                    met.add("round " + round);
                } else {
                    missed.add("round " + round + " " + result);
                }
                if (value.busy) {
                    busy.add("round " + round);
                }
            }
            cells.add(missed.isEmpty() ? "met" : met.isEmpty() && missed.size() == 1 ? missed.get(0).replaceFirst("^round [0-9]+ ", "")
                    : met.isEmpty() ? String.join("; ", missed)
                    : "met in " + String.join(", ", met) + "; " + String.join("; ", missed));
            cells.add(busy.isEmpty() ? "no" : String.join(", ", busy) + " " + PerRound.BUSY_MARK);
            table.row(cells.toArray());
        }

        void missing(String target, String goal, String why) {
            List<Object> cells = new ArrayList<>(List.of(target, goal));
            for (int round = 1; round <= rounds; round++) {
                cells.add(null);
            }
            cells.add(why);
            cells.add(null);
            table.row(cells.toArray());
        }

        private static PerRound.Value value(PerRound values, int round) {
            return values.present().stream().filter(v -> v.round == round).findFirst().orElse(null);
        }
    }

    private static Optional<Map.Entry<String, ProcessMemory>> largest(Map<String, ProcessMemory> memory) {
        return memory == null ? Optional.empty()
                : memory.entrySet().stream().max((a, b) -> Long.compare(a.getValue().rssKb(), b.getValue().rssKb()));
    }

    private static double rate(ConfigRounds config, int round) {
        return config.round(round).map(r -> r.loadStep(HopTimer.VALIDATE, 50).throughputPerSecond()).orElse(0.0);
    }

    static String atMost(double value, double limit, String unit) {
        if (value <= limit) {
            return "met";
        }
        return String.format(Locale.ROOT, "missed by %s %s (%.0f %%)", trim(value - limit), unit, 100 * (value - limit) / limit);
    }

    static String atLeast(double value, double limit, String unit) {
        if (value >= limit) {
            return "met";
        }
        return String.format(Locale.ROOT, "missed by %s %s", trim(limit - value), unit);
    }

    private static String number(double value) {
        return trim(value);
    }

    /** Whole numbers from 10 up; below, up to two decimals without trailing zeros (2, 0.5, 3.31). */
    private static String trim(double value) {
        if (value >= 10) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.2f", value)).stripTrailingZeros().toPlainString();
    }
}
