package io.cacifo.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ForeignCpuTest {
    /** Two CPUs; the counters are user nice system idle iowait irq softirq steal guest guest_nice. */
    private static String procStat(long user, long system, long idle, long iowait) {
        return "cpu  " + user + " 0 " + system + " " + idle + " " + iowait + " 0 0 0 0 0\n"
                + "cpu0 1 0 1 1 0 0 0 0 0 0\n"
                + "cpu1 1 0 1 1 0 0 0 0 0 0\n"
                + "intr 12345 0 0\nctxt 999\nbtime 1764600000\nprocesses 4000\n";
    }

    /** A /proc/<pid>/stat line whose utime, stime, cutime and cstime (fields 14 to 17) are given. */
    private static String pidStat(String comm, long utime, long stime, long cutime, long cstime) {
        return "4242 (" + comm + ") S 1 4242 4242 0 -1 4194560 9000 0 0 0 " + utime + " " + stime + " " + cutime + " "
                + cstime + " 20 0 31 0 123456 3000000000 20000 18446744073709551615 1 1 0 0 0 0 0 4096 17612 0 0 0 17 1 0 0 0 0 0\n";
    }

    @Test
    void a_process_line_gives_its_own_and_its_reaped_childrens_time() {
        assertEquals(10 + 5 + 300 + 40, ForeignCpu.processJiffies(pidStat("java", 10, 5, 300, 40)));
    }

    @Test
    void a_command_name_with_spaces_and_parentheses_does_not_shift_the_fields() {
        assertEquals(7 + 3 + 0 + 0, ForeignCpu.processJiffies(pidStat("GC Thread#0 (x) )", 7, 3, 0, 0)));
    }

    @Test
    void what_the_machine_used_beyond_the_bench_tree_is_the_others_share_in_cores() {
        // 10 s on 2 CPUs = 2000 jiffies pass: 1500 busy, of which the bench tree used 1000.
        ForeignCpu.Reading before = ForeignCpu.reading(procStat(1000, 500, 5000, 100),
                List.of(pidStat("java", 100, 50, 0, 0), pidStat("mariadbd", 20, 10, 0, 0)));
        ForeignCpu.Reading after = ForeignCpu.reading(procStat(2200, 800, 5450, 150),
                List.of(pidStat("java", 800, 200, 100, 0), pidStat("mariadbd", 60, 20, 0, 0)));

        assertEquals(2, after.cpus);
        assertEquals(1500, after.machineBusy - before.machineBusy);
        assertEquals(2000, after.machineTotal - before.machineTotal);
        assertEquals(1000, after.tree - before.tree);
        assertEquals(500.0 / 2000 * 2, ForeignCpu.cores(before, after), 1e-9);
    }

    @Test
    void a_quiet_machine_gives_no_foreign_use_even_when_the_readings_are_slightly_apart() {
        // The tree is read a moment after /proc/stat, so it may show a few jiffies more than the machine.
        ForeignCpu.Reading before = ForeignCpu.reading(procStat(1000, 0, 1000, 0), List.of(pidStat("java", 1000, 0, 0, 0)));
        ForeignCpu.Reading after = ForeignCpu.reading(procStat(1200, 0, 1800, 0), List.of(pidStat("java", 1203, 0, 0, 0)));

        assertEquals(0, ForeignCpu.cores(before, after), 1e-9);
    }

    @Test
    void no_time_passing_gives_no_foreign_use() {
        ForeignCpu.Reading same = ForeignCpu.reading(procStat(1000, 0, 1000, 0), List.of());

        assertEquals(0, ForeignCpu.cores(same, same), 1e-9);
    }

    @Test
    void this_machine_can_be_read() {
        ForeignCpu cpu = new ForeignCpu(ProcessHandle.current().pid());

        double cores = cpu.coresSince(cpu.read()).orElseThrow();

        assertEquals(true, cores >= 0 && cores <= Runtime.getRuntime().availableProcessors(), "cores " + cores);
    }
}
