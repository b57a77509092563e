package io.cacifo.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The report's tables of what each configuration of seven functions costs: memory per function, and start to first answer. */
final class ResourceTables {
    private ResourceTables() {
    }

    /** A function's memory in one round, in MB; null when that round did not measure it. */
    static PerRound memory(ConfigRounds config, Function<RunRecord, Map<String, ProcessMemory>> when, String function,
                           Function<ProcessMemory, Double> figure, String step) {
        return config.figures(round -> {
            Map<String, ProcessMemory> memory = when.apply(round.record);
            ProcessMemory process = memory == null ? null : memory.get(function);
            return process == null ? null : figure.apply(process);
        }, step);
    }

    /** All the processes of one round together, in MB; null when that round did not measure memory. */
    static PerRound total(ConfigRounds config, Function<RunRecord, Map<String, ProcessMemory>> when,
                          Function<ProcessMemory, Double> figure, String step) {
        return config.figures(round -> {
            Map<String, ProcessMemory> memory = when.apply(round.record);
            return memory == null || memory.isEmpty() ? null : memory.values().stream().mapToDouble(figure::apply).sum();
        }, step);
    }

    static void memory(StringBuilder out, List<ConfigRounds> configs) {
        List<ConfigRounds> measured = new ArrayList<>();
        Set<String> functions = new LinkedHashSet<>();
        for (ConfigRounds config : configs) {
            for (ConfigResults round : config.rounds) {
                if (round.record.memoryAfterLoad != null && !round.record.memoryAfterLoad.isEmpty()) {
                    functions.addAll(round.record.memoryAfterLoad.keySet());
                    if (!measured.contains(config)) {
                        measured.add(config);
                    }
                }
            }
        }
        out.append("\n### Memory per function (MB)\n\n");
        if (measured.isEmpty()) {
            out.append("Missing: no configuration of seven functions measured it in this run.\n");
            return;
        }
        List<String> header = new ArrayList<>(List.of("function"));
        for (ConfigRounds config : measured) {
            header.add(config.name() + " RSS idle");
            header.add(config.name() + " RSS after");
            header.add(config.name() + " PSS after");
        }
        MarkdownTable table = new MarkdownTable(header.toArray(new String[0]));
        for (String function : functions) {
            List<Object> row = new ArrayList<>(List.of(function));
            for (ConfigRounds config : measured) {
                row.add(memory(config, r -> r.memoryIdle, function, ProcessMemory::rssMb, Plans.MEMORY_IDLE).cell(1));
                row.add(memory(config, r -> r.memoryAfterLoad, function, ProcessMemory::rssMb, Plans.MEMORY_AFTER_LOAD).cell(1));
                row.add(memory(config, r -> r.memoryAfterLoad, function, ProcessMemory::pssMb, Plans.MEMORY_AFTER_LOAD).cell(1));
            }
            table.row(row.toArray());
        }
        List<Object> total = new ArrayList<>(List.of("**all seven**"));
        for (ConfigRounds config : measured) {
            total.add(bold(total(config, r -> r.memoryIdle, ProcessMemory::rssMb, Plans.MEMORY_IDLE).cell(1)));
            total.add(bold(total(config, r -> r.memoryAfterLoad, ProcessMemory::rssMb, Plans.MEMORY_AFTER_LOAD).cell(1)));
            total.add(bold(total(config, r -> r.memoryAfterLoad, ProcessMemory::pssMb, Plans.MEMORY_AFTER_LOAD).cell(1)));
        }
        table.row(total.toArray());
        out.append("From /proc/<pid>/smaps_rollup of each function's JVM: idle (started, probed once, 5 s later) and after "
                + "all the plans above; one figure per round. RSS counts every page the process maps, shared ones included; "
                + "PSS divides each shared page among the processes sharing it, so the PSS column adds up to what the "
                + "seven take together.\n\n");
        out.append(table.text());
    }

    private static String bold(String cell) {
        return cell == null ? null : "**" + cell + "**";
    }

    static void startup(StringBuilder out, List<ConfigRounds> configs) {
        List<ConfigRounds> measured = new ArrayList<>();
        List<StartupTime> functions = new ArrayList<>();
        for (ConfigRounds config : configs) {
            for (ConfigResults round : config.rounds) {
                if (round.record.startup != null && !round.record.startup.isEmpty()) {
                    if (!measured.contains(config)) {
                        measured.add(config);
                    }
                    for (StartupTime time : round.record.startup) {
                        if (functions.stream().noneMatch(f -> f.function().equals(time.function()))) {
                            functions.add(time);
                        }
                    }
                }
            }
        }
        out.append("\n### Start to first answer (ms)\n\n");
        if (measured.isEmpty()) {
            out.append("Missing: no configuration of seven functions measured it in this run.\n");
            return;
        }
        List<String> header = new ArrayList<>(List.of("function", "probe call"));
        measured.forEach(config -> header.add(config.name()));
        MarkdownTable table = new MarkdownTable(header.toArray(new String[0]));
        for (StartupTime function : functions) {
            List<Object> row = new ArrayList<>(List.of(function.function(), function.probe()));
            for (ConfigRounds config : measured) {
                row.add(startupMs(config, function.function()).cell(0));
            }
            table.row(row.toArray());
        }
        out.append("From the moment the devstack starts the function's process to its first correct answer to the probe "
                + "call, sent straight to its port every 2 ms; one function at a time while the rest of the locker idles; "
                + "one figure per round.\n\n");
        out.append(table.text());
    }

    static PerRound startupMs(ConfigRounds config, String function) {
        return config.figures(round -> round.record.startup == null ? null : round.record.startup.stream()
                .filter(s -> s.function().equals(function)).findFirst().map(StartupTime::firstResponseMs).orElse(null),
                "start of " + function);
    }
}
