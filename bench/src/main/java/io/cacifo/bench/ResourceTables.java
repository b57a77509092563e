package io.cacifo.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The report's tables of what each configuration costs: memory per function, and start to first answer. */
final class ResourceTables {
    private ResourceTables() {
    }

    static void memory(StringBuilder out, List<ConfigResults> configs) {
        List<ConfigResults> local = new ArrayList<>();
        for (ConfigResults config : configs) {
            if (config.record.memoryAfterLoad != null && !config.record.memoryAfterLoad.isEmpty()) {
                local.add(config);
            }
        }
        if (local.isEmpty()) {
            return;
        }
        List<String> header = new ArrayList<>(List.of("function"));
        for (ConfigResults config : local) {
            header.add(config.name() + " RSS idle");
            header.add(config.name() + " RSS after");
            header.add(config.name() + " PSS after");
        }
        Optional<ConfigResults> tuned = Report.find(configs, "tuned");
        Optional<ConfigResults> defaults = Report.find(configs, "defaults");
        boolean compare = tuned.isPresent() && defaults.isPresent() && local.contains(tuned.get()) && local.contains(defaults.get());
        if (compare) {
            header.add("tuned vs defaults, RSS after");
        }
        MarkdownTable table = new MarkdownTable(header.toArray(new String[0]));
        Set<String> functions = new LinkedHashSet<>();
        local.forEach(config -> functions.addAll(config.record.memoryAfterLoad.keySet()));
        double[] totals = new double[local.size() * 3];
        for (String function : functions) {
            List<Object> row = new ArrayList<>(List.of(function));
            for (int i = 0; i < local.size(); i++) {
                ProcessMemory idle = local.get(i).record.memoryIdle.get(function);
                ProcessMemory after = local.get(i).record.memoryAfterLoad.get(function);
                row.add(idle == null ? null : MarkdownTable.number(idle.rssMb(), 1));
                row.add(after == null ? null : MarkdownTable.number(after.rssMb(), 1));
                row.add(after == null ? null : MarkdownTable.number(after.pssMb(), 1));
                totals[3 * i] += idle == null ? 0 : idle.rssMb();
                totals[3 * i + 1] += after == null ? 0 : after.rssMb();
                totals[3 * i + 2] += after == null ? 0 : after.pssMb();
            }
            if (compare) {
                ProcessMemory mine = tuned.get().record.memoryAfterLoad.get(function);
                ProcessMemory theirs = defaults.get().record.memoryAfterLoad.get(function);
                row.add(mine == null || theirs == null ? null
                        : String.format(Locale.ROOT, "%+.0f %%", 100 * (mine.rssMb() / theirs.rssMb() - 1)));
            }
            table.row(row.toArray());
        }
        List<Object> total = new ArrayList<>(List.of("**all seven**"));
        for (double value : totals) {
            total.add("**" + MarkdownTable.number(value, 1) + "**");
        }
        if (compare) {
            double mine = totals[3 * local.indexOf(tuned.get()) + 1];
            double theirs = totals[3 * local.indexOf(defaults.get()) + 1];
            total.add(String.format(Locale.ROOT, "**%+.0f %%**", 100 * (mine / theirs - 1)));
        }
        table.row(total.toArray());
        out.append("\n### Memory per function (MB)\n\n");
        out.append("From /proc/<pid>/smaps_rollup of each function's JVM: idle (started, probed once, 5 s later) and after "
                + "all the plans above. RSS counts every page the process maps, shared ones included; PSS divides each "
                + "shared page among the processes sharing it, so the PSS column adds up to what the seven take together.\n\n");
        out.append(table.text());
    }

    static void startup(StringBuilder out, List<ConfigResults> configs) {
        List<ConfigResults> local = new ArrayList<>();
        for (ConfigResults config : configs) {
            if (config.record.startup != null && !config.record.startup.isEmpty()) {
                local.add(config);
            }
        }
        if (local.isEmpty()) {
            return;
        }
        List<String> header = new ArrayList<>(List.of("function", "probe call"));
        local.forEach(config -> header.add(config.name()));
        MarkdownTable table = new MarkdownTable(header.toArray(new String[0]));
        for (StartupTime first : local.get(0).record.startup) {
            List<Object> row = new ArrayList<>(List.of(first.function(), first.probe()));
            for (ConfigResults config : local) {
                row.add(config.record.startup.stream().filter(s -> s.function().equals(first.function()))
                        .findFirst().map(s -> s.firstResponseMs() == null ? null : MarkdownTable.number(s.firstResponseMs(), 0))
                        .orElse(null));
            }
            table.row(row.toArray());
        }
        out.append("\n### Start to first answer (ms)\n\n");
        out.append("From the moment the devstack starts the function's process to its first correct answer to the probe "
                + "call, sent straight to its port every 2 ms; one function at a time while the rest of the locker idles.\n\n");
        out.append(table.text());
    }
}
