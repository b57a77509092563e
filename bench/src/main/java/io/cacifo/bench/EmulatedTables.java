package io.cacifo.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The functions on arm64 under QEMU user-mode emulation: whether the code flow passed, start-up and RSS; never latency. */
final class EmulatedTables {
    private EmulatedTables() {
    }

    static void write(StringBuilder out, List<ConfigRounds> configs) {
        out.append("\n### ARM64 under emulation (no latency claim)\n\n");
        Optional<ConfigRounds> emulated = Report.firstOfKind(configs, JvmConfig.Kind.EMULATED_ARM64);
        if (emulated.isEmpty()) {
            out.append("Missing: this run has no emulated arm64 configuration.\n");
            return;
        }
        ConfigResults run = emulated.get().first();
        RunRecord record = run.record;
        String flow = record.plans.get(Plans.CODE_FLOW);
        Stats entries = run.codeEntries();
        out.append("EMULATED: the seven function jars on Debian's arm64 OpenJDK, each instruction translated by QEMU "
                + "user-mode emulation on this x86 machine (configuration ").append(record.config)
                .append(", run once). Emulation is many times slower than a real ARM core, so these times say only that "
                        + "the functions start and work on arm64, not how fast a Pi is; `bin/bench http://<pi>:8080` measures "
                        + "a real one. Memory is the emulated process's (QEMU included). The code-flow plan against them: ")
                .append(flow == null ? "not run" : "ok".equals(flow)
                        ? String.format(java.util.Locale.ROOT, "passed, %d code entries opened their door, %d errors", entries.count(), entries.errors())
                        : "failed: " + flow)
                .append(".\n\n");
        MarkdownTable table = new MarkdownTable("function", "start to first answer ms, with its AppCDS archive (emulated)",
                "without the archive (emulated)", "RSS idle MB (emulated)", "RSS after the plans MB (emulated)",
                "PSS after the plans MB (emulated)");
        for (StartupTime time : record.startup) {
            Optional<StartupTime> bare = record.startupWithoutArchive.stream()
                    .filter(other -> other.function().equals(time.function())).findFirst();
            table.row(time.function(), millis(Optional.of(time)), millis(bare),
                    rss(record.memoryIdle, time.function()), rss(record.memoryAfterLoad, time.function()),
                    pss(record.memoryAfterLoad, time.function()));
        }
        if (table.isEmpty()) {
            out.append("Missing: the emulated run recorded no start-up times.\n");
            return;
        }
        out.append(table.text());
    }

    private static String millis(Optional<StartupTime> time) {
        return time.map(StartupTime::firstResponseMs).map(ms -> MarkdownTable.number(ms, 0)).orElse(null);
    }

    private static String pss(Map<String, ProcessMemory> memory, String function) {
        ProcessMemory process = memory == null ? null : memory.get(function);
        return process == null ? null : MarkdownTable.number(process.pssMb(), 1);
    }

    private static String rss(Map<String, ProcessMemory> memory, String function) {
        ProcessMemory process = memory == null ? null : memory.get(function);
        return process == null ? null : MarkdownTable.number(process.rssMb(), 1);
    }
}
