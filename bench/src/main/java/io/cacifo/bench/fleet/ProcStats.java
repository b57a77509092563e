package io.cacifo.bench.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's memory and CPU as the kernel counts them: {@code VmRSS} (resident now) and
 * {@code VmHWM} (the peak resident since it started) from {@code /proc/<pid>/status}, and the user
 * plus system CPU time from {@code /proc/<pid>/stat}, in clock ticks (USER_HZ, 100 on Linux).
 */
public final class ProcStats {
    /** USER_HZ: fixed at 100 for user space on every Linux architecture we run on (getconf CLK_TCK). */
    public static final int TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** Resident memory now, in kB; throws {@link UncheckedIOException} when the process is gone. */
    public static long rssKb(long pid) {
        return statusField(read(pid, "status"), "VmRSS:");
    }

    /** The most the process ever had resident, in kB. */
    public static long peakRssKb(long pid) {
        return statusField(read(pid, "status"), "VmHWM:");
    }

    /** utime + stime in clock ticks. */
    public static long cpuTicks(long pid) {
        return cpuTicks(read(pid, "stat"));
    }

    static long cpuTicks(String stat) {
        // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // Fields 14 (utime) and 15 (stime) of proc(5); fields[0] is field 3 (state).
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static long statusField(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalArgumentException("no " + field + " line in /proc/<pid>/status");
    }

    private static String read(long pid, String file) {
        Path path = Path.of("/proc", Long.toString(pid), file);
        try {
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }
}
