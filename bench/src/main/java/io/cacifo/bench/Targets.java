package io.cacifo.bench;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The targets for the tuned configuration on this machine's devstack, each with what was
 * measured and by how much it is met or missed. A target whose measurement did not run says so.
 */
final class Targets {
    private Targets() {
    }

    static MarkdownTable table(ConfigResults tuned, Optional<ConfigResults> defaults) {
        MarkdownTable table = new MarkdownTable("target", "goal", "measured", "result");
        Stats warm = Stats.of(tuned.warm.labelled(ConfigResults.INSERT));
        double hopMedian = tuned.hopMedian(HopTimer.INSERT + " via gateway") / 1000;
        double hopP99 = tuned.percentileMicros(HopTimer.INSERT + " via gateway", 99) / 1000;
        if (warm.count() > 0) {
            String hop = hopMedian > 0 ? "; the hop rounds: " + ms(hopMedian, 2) : "";
            table.row("user insert through the gateway, warm: median", "≤ 5 ms",
                    warm.median() + " ms (JMeter, n " + warm.count() + ")" + hop, atMost(warm.median(), 5, "ms"));
            table.row("user insert through the gateway, warm: p99", "≤ 20 ms",
                    warm.p99() + " ms (JMeter)" + (hopP99 > 0 ? "; the hop rounds: " + ms(hopP99, 2) : ""),
                    atMost(warm.p99(), 20, "ms"));
        } else {
            table.row("user insert through the gateway, warm", "median ≤ 5 ms, p99 ≤ 20 ms", "not measured", "–");
        }
        for (String call : new String[] {HopTimer.INSERT, HopTimer.VALIDATE}) {
            double via = tuned.hopMedian(call + " via gateway");
            double direct = tuned.hopMedian(call + " direct");
            if (via > 0 && direct > 0) {
                double ratio = via / direct;
                table.row("gateway overhead, " + call + ": median through / straight", "≤ 1.5×",
                        String.format(Locale.ROOT, "%.2f× (%.0f / %.0f µs)", ratio, via, direct), atMost(ratio, 1.5, "×"));
            } else {
                table.row("gateway overhead, " + call, "≤ 1.5×", "not measured", "–");
            }
        }
        Stats entries = tuned.codeEntries();
        table.row("code entry → door open: median", "≤ 30 ms",
                entries.count() == 0 ? "not measured" : entries.median() + " ms (n " + entries.count() + ")",
                entries.count() == 0 ? "–" : atMost(entries.median(), 30, "ms"));
        Stats step50 = tuned.loadStep("validate", 50);
        table.row("load, 50 threads on validate", "≥ 1,000 req/s, 0 errors",
                step50.count() == 0 ? "not measured" : String.format(Locale.ROOT, "%.0f req/s, %d errors",
                        step50.throughputPerSecond(), step50.errors()),
                step50.count() == 0 ? "–" : throughputVerdict(step50));
        memoryTargets(table, tuned, defaults);
        double slowest = tuned.record.startup.stream().filter(s -> s.firstResponseMs() != null)
                .mapToDouble(StartupTime::firstResponseMs).max().orElse(-1);
        String slowestName = tuned.record.startup.stream().filter(s -> s.firstResponseMs() != null)
                .max((a, b) -> Double.compare(a.firstResponseMs(), b.firstResponseMs())).map(StartupTime::function).orElse("");
        table.row("start → first answer, every function", "≤ 1 s",
                slowest < 0 ? "not measured" : String.format(Locale.ROOT, "slowest %s: %.0f ms", slowestName, slowest),
                slowest < 0 ? "–" : atMost(slowest, 1000, "ms"));
        return table;
    }

    private static void memoryTargets(MarkdownTable table, ConfigResults tuned, Optional<ConfigResults> defaults) {
        Map<String, ProcessMemory> after = tuned.record.memoryAfterLoad;
        if (after == null || after.isEmpty()) {
            table.row("memory after load", "RSS ≤ 64 MB each, ≥ 25 % below defaults; PSS of all ≤ 300 MB", "not measured", "–");
            return;
        }
        String largest = null;
        double largestMb = 0;
        double pssTotal = 0;
        for (Map.Entry<String, ProcessMemory> entry : after.entrySet()) {
            pssTotal += entry.getValue().pssMb();
            if (entry.getValue().rssMb() > largestMb) {
                largestMb = entry.getValue().rssMb();
                largest = entry.getKey();
            }
        }
        table.row("RSS after load, every function", "≤ 64 MB",
                String.format(Locale.ROOT, "largest %s: %.1f MB", largest, largestMb), atMost(largestMb, 64, "MB"));
        if (defaults.isPresent() && defaults.get().record.memoryAfterLoad != null && !defaults.get().record.memoryAfterLoad.isEmpty()) {
            Map<String, ProcessMemory> base = defaults.get().record.memoryAfterLoad;
            String least = null;
            double leastSaving = Double.MAX_VALUE;
            for (Map.Entry<String, ProcessMemory> entry : after.entrySet()) {
                ProcessMemory reference = base.get(entry.getKey());
                if (reference == null) {
                    continue;
                }
                double saving = 100.0 * (1 - entry.getValue().rssMb() / reference.rssMb());
                if (saving < leastSaving) {
                    leastSaving = saving;
                    least = entry.getKey();
                }
            }
            if (least != null) {
                table.row("RSS after load below the defaults, every function", "≥ 25 %",
                        leastSaving >= 0 ? String.format(Locale.ROOT, "least: %s, %.0f %% below", least, leastSaving)
                                : String.format(Locale.ROOT, "least: %s, %.0f %% above", least, -leastSaving),
                        leastSaving >= 25 ? "met" : String.format(Locale.ROOT, "missed by %.0f points", 25 - leastSaving));
            }
        } else {
            table.row("RSS after load below the defaults", "≥ 25 %", "defaults not measured", "–");
        }
        table.row("PSS of the seven after load", "≤ 300 MB", String.format(Locale.ROOT, "%.1f MB", pssTotal),
                atMost(pssTotal, 300, "MB"));
    }

    private static String throughputVerdict(Stats step) {
        double rate = step.throughputPerSecond();
        if (rate >= 1000 && step.errors() == 0) {
            return "met";
        }
        StringBuilder missed = new StringBuilder("missed");
        if (rate < 1000) {
            missed.append(String.format(Locale.ROOT, " by %.0f req/s (%.0f %%)", 1000 - rate, 100 * (1000 - rate) / 1000));
        }
        if (step.errors() > 0) {
            missed.append(rate < 1000 ? " and" : "").append(" with ").append(step.errors()).append(" errors");
        }
        return missed.toString();
    }

    static String atMost(double value, double limit, String unit) {
        if (value <= limit) {
            return "met";
        }
        return String.format(Locale.ROOT, "missed by %s %s (%.0f %%)", trim(value - limit), unit, 100 * (value - limit) / limit);
    }

    private static String ms(double value, int decimals) {
        return MarkdownTable.number(value, decimals) + " ms";
    }

    /** Whole numbers from 10 up; below, up to two decimals without trailing zeros (2, 0.5, 3.31). */
    private static String trim(double value) {
        if (value >= 10) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.2f", value)).stripTrailingZeros().toPlainString();
    }
}
