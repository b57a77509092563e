package com.openfaas.entrypoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The machine's memory as the kernel reports it in {@code /proc/meminfo}: in a faasd container that
 * is the Pi's, not the container's limit. Read on every scrape; a file that cannot be read or a line
 * that is missing gives no value (the series is then absent, not 0).
 */
final class MachineMemory {
    static final Path PROC_MEMINFO = Path.of("/proc/meminfo");

    private final Path file;

    MachineMemory(Path file) {
        this.file = file;
    }

    /** {@code MemTotal} in bytes. */
    OptionalLong totalBytes() {
        return field("MemTotal");
    }

    /** {@code MemAvailable} in bytes: what can be given to programs without swapping (the kernel's estimate). */
    OptionalLong availableBytes() {
        return field("MemAvailable");
    }

    private OptionalLong field(String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException unreadable) {
            return OptionalLong.empty();
        }
        return parse(lines, name);
    }

    /** The value of the line {@code <name>: <number> kB}, in bytes; empty when there is no such line or it is malformed. */
    static OptionalLong parse(List<String> lines, String name) {
        String prefix = name + ":";
        for (String line : lines) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            String[] parts = line.substring(prefix.length()).trim().split("\\s+");
            try {
                long value = Long.parseLong(parts[0]);
                // Every size in /proc/meminfo is in kB (KiB, 1024 bytes: fs/proc/meminfo.c); a bare number would be a count.
                return parts.length == 2 && parts[1].equals("kB") ? OptionalLong.of(value * 1024) : OptionalLong.empty();
            } catch (NumberFormatException malformed) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
