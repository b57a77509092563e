package io.cacifo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A results folder as a bench run writes it ({@code <config>/round-<n>/run.json} and the plans' CSV
 * files), built in a test from chosen figures so the report's text can be checked.
 */
final class ResultsFixture {
    private static final String HEADER = "timeStamp,elapsed,label,responseCode,success\n";
    private static final long T0 = 1_764_000_000_000L;

    private final Path results;

    ResultsFixture(Path results) {
        this.results = results;
    }

    /** One configuration-run; the caller fills in what it measured. */
    final class Run {
        final Path dir;
        final RunRecord record = new RunRecord();

        Run(String config, JvmConfig.Kind kind, int round) {
            dir = round > 0 ? Rounds.folder(results, config, round) : results.resolve(config);
            record.config = config;
            record.kind = kind;
            record.flags = "-Xmx16m";
            record.meaning = config + " for a test";
            record.local = true;
            record.startedAt = Instant.parse("2026-12-02T10:00:00Z").plusSeconds(600L * Math.max(round, 1)
                    + config.length());
            record.machine = "a test machine";
            record.java = "a test JVM";
        }

        /** {@code n} warm user inserts, each taking {@code ms}. */
        Run warmInserts(int n, long ms) {
            StringBuilder csv = new StringBuilder(HEADER);
            for (int i = 0; i < n; i++) {
                sample(csv, T0 + i * 100L, ms, ConfigResults.INSERT);
            }
            return plan(Plans.WARM, "latency-insert.csv", csv);
        }

        /** {@code warmup} cycles whose code entries take {@code warmupMs}, then {@code cycles} whose entries take {@code entryMs}. */
        Run codeFlow(int warmup, long warmupMs, int cycles, long entryMs) {
            record.codeFlowWarmupCycles = warmup;
            StringBuilder csv = new StringBuilder(HEADER);
            for (int i = 0; i < warmup + cycles; i++) {
                long start = T0 + i * 1000L;
                long entry = i < warmup ? warmupMs : entryMs;
                sample(csv, start, 20, "setup: parcel insert");
                sample(csv, start + 100, entry, ConfigResults.DEPOSIT_ENTRY);
                sample(csv, start + 400, entry, ConfigResults.PICKUP_ENTRY);
                sample(csv, start + 100, 700, ConfigResults.CYCLE);
            }
            record.plans.put(Plans.CODE_FLOW, "ok");
            return plan(Plans.CODE_FLOW, "code-flow.csv", csv);
        }

        /** The 50-thread validate step: {@code perSecond} calls a second for one second. */
        Run validateAt50(int perSecond) {
            StringBuilder csv = new StringBuilder(HEADER);
            for (int i = 0; i < perSecond - 1; i++) {
                sample(csv, T0 + i * 1000L / perSecond, 1, "validate x50");
            }
            sample(csv, T0 + 999, 1, "validate x50");
            return plan(Plans.LOAD, "load.csv", csv);
        }

        /** Appends {@code n} failed samples to a plan's file already written. */
        Run failedSamples(String plan, String file, String label, String code, int n) {
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < n; i++) {
                csv.append(T0 + 500_000 + i).append(',').append(5).append(',').append(label).append(',').append(code)
                        .append(",false\n");
            }
            try {
                Files.writeString(dir.resolve(plan).resolve(file), csv, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Run memoryAfterLoad(double largestRssMb, double pssEachMb) {
            Map<String, ProcessMemory> memory = new LinkedHashMap<>();
            memory.put("user-manager", new ProcessMemory((long) (largestRssMb * 1024), (long) (pssEachMb * 1024)));
            memory.put("door-io", new ProcessMemory(40 * 1024, (long) (pssEachMb * 1024)));
            record.memoryAfterLoad = memory;
            return this;
        }

        Run hop(String call, double viaMicros, double directMicros) {
            record.hopMicros.put(call + " via gateway", List.of(viaMicros, viaMicros, viaMicros));
            record.hopMicros.put(call + " direct", List.of(directMicros, directMicros, directMicros));
            return this;
        }

        Run others(String step, double cores) {
            record.foreignCores.put(step, cores);
            return this;
        }

        Run coldBoot(long firstOpenDoorMs) {
            record.coldBoot = new ColdBoot();
            record.coldBoot.firstOpenDoorMillis = firstOpenDoorMs;
            record.coldBoot.readyMillis.put("screen-io", firstOpenDoorMs / 2);
            return this;
        }

        void write() {
            record.write(dir);
        }

        private Run plan(String plan, String file, StringBuilder csv) {
            try {
                Files.createDirectories(dir.resolve(plan));
                Files.writeString(dir.resolve(plan).resolve(file), csv, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            record.plans.putIfAbsent(plan, "ok");
            return this;
        }
    }

    Run run(String config, int round) {
        return new Run(config, JvmConfig.Kind.FUNCTIONS, round);
    }

    Run run(String config, JvmConfig.Kind kind, int round) {
        return new Run(config, kind, round);
    }

    String report() {
        return new Report(ConfigResults.readAll(results), "bin/bench --test").markdown();
    }

    /** The table row whose first cells are {@code start}, e.g. "| tuned, warm |". */
    static String row(String markdown, String start) {
        List<String> rows = new ArrayList<>();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("| " + start + " |")) {
                rows.add(line);
            }
        }
        if (rows.size() != 1) {
            throw new AssertionError("expected one row starting '" + start + "', found " + rows + " in:\n" + markdown);
        }
        return rows.get(0);
    }

    private static void sample(StringBuilder csv, long start, long elapsed, String label) {
        csv.append(start).append(',').append(elapsed).append(',').append(label).append(",200,true\n");
    }
}
