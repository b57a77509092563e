package io.cacifo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How much CPU processes outside the bench used while a step ran, so a figure taken on a busy
 * machine can be marked: the machine's non-idle time ({@code /proc/stat}) minus the time of the
 * bench's own process tree ({@code /proc/<pid>/stat} utime + stime + cutime + cstime of the bench
 * JVM and every descendant: the configuration's run, the devstack's functions, MariaDB, JMeter
 * through Maven). A process of the tree that ends during the step is still counted: its parent, in
 * the tree, adds its time to cutime/cstime when it reaps it.
 */
final class ForeignCpu {
    /** Above this many cores used by others on average during a step, its figures are marked busy. */
    static final double BUSY_CORES = 0.25;
    /** The bench JVM's pid, given by {@link Bench} to each configuration's run so the tree is the whole bench. */
    static final String ROOT_PID_ENV = "BENCH_ROOT_PID";

    private final long rootPid;

    ForeignCpu(long rootPid) {
        this.rootPid = rootPid;
    }

    /** The tree rooted at the pid in {@value #ROOT_PID_ENV}, or at this JVM when run on its own. */
    static ForeignCpu ofBench() {
        String root = System.getenv(ROOT_PID_ENV);
        return new ForeignCpu(root == null || root.isBlank() ? ProcessHandle.current().pid() : Long.parseLong(root.trim()));
    }

    /** Jiffies (clock ticks) at one moment: the machine's, all CPUs together, and the bench tree's. */
    static final class Reading {
        final long machineBusy;
        final long machineTotal;
        final int cpus;
        final long tree;

        Reading(long machineBusy, long machineTotal, int cpus, long tree) {
            this.machineBusy = machineBusy;
            this.machineTotal = machineTotal;
            this.cpus = cpus;
            this.tree = tree;
        }
    }

    /** Now; empty where /proc cannot be read (not Linux), so nothing is marked rather than the step failing. */
    Optional<Reading> read() {
        try {
            String stat = Files.readString(Path.of("/proc/stat"), StandardCharsets.US_ASCII);
            List<String> tree = new ArrayList<>();
            List<Long> pids = Stream.concat(ProcessHandle.of(rootPid).stream(),
                    ProcessHandle.of(rootPid).stream().flatMap(ProcessHandle::descendants))
                    .map(ProcessHandle::pid).collect(Collectors.toList());
            for (long pid : pids) {
                try {
                    tree.add(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII));
                } catch (IOException gone) {
                    // Ended between listing and reading: its parent counts its time once it reaps it.
                }
            }
            return Optional.of(reading(stat, tree));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Average cores others used from {@code before} until now; empty when either reading is missing. */
    Optional<Double> coresSince(Optional<Reading> before) {
        if (before.isEmpty()) {
            return Optional.empty();
        }
        return read().map(after -> cores(before.get(), after));
    }

    static Reading reading(String procStat, List<String> treeStats) {
        long tree = 0;
        for (String stat : treeStats) {
            tree += processJiffies(stat);
        }
        long[] cpu = cpuLine(procStat);
        int cpus = (int) procStat.lines().filter(line -> line.matches("cpu[0-9]+\\s.*")).count();
        // user nice system idle iowait irq softirq steal (guest time is already in user and nice)
        long busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + cpu[7];
        return new Reading(busy, busy + cpu[3] + cpu[4], Math.max(1, cpus), tree);
    }

    /**
     * Others' share of the machine between two readings, in cores: their jiffies over all the jiffies
     * that passed, times the CPU count. Never below 0 (the two files are not read at the same instant).
     */
    static double cores(Reading before, Reading after) {
        long total = after.machineTotal - before.machineTotal;
        if (total <= 0) {
            return 0;
        }
        long others = (after.machineBusy - before.machineBusy) - (after.tree - before.tree);
        return Math.max(0, (double) others / total * after.cpus);
    }

    /** The aggregate {@code cpu} line's first eight counters. */
    private static long[] cpuLine(String procStat) {
        String line = procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a /proc/stat text: no cpu line"));
        String[] fields = line.trim().split("\\s+");
        long[] counters = new long[8];
        for (int i = 0; i < counters.length && i + 1 < fields.length; i++) {
            counters[i] = Long.parseLong(fields[i + 1]);
        }
        return counters;
    }

    /**
     * utime + stime + cutime + cstime of one {@code /proc/<pid>/stat} text (fields 14 to 17). The
     * command name in parentheses may hold spaces and parentheses, so fields are counted after the last ')'.
     */
    static long processJiffies(String pidStat) {
        String[] rest = pidStat.substring(pidStat.lastIndexOf(')') + 1).trim().split("\\s+");
        // rest[0] is field 3 (state), so field n is rest[n - 3].
        return Long.parseLong(rest[11]) + Long.parseLong(rest[12]) + Long.parseLong(rest[13]) + Long.parseLong(rest[14]);
    }
}
