package com.openfaas.entrypoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineMemoryTest {
    @Test
    void a_1_gb_machine_s_meminfo_gives_its_total_and_available_memory_in_bytes() throws URISyntaxException {
        MachineMemory oneGb = new MachineMemory(Path.of(getClass().getResource("/meminfo-1gb.txt").toURI()));

        assertEquals(OptionalLong.of(948304L * 1024), oneGb.totalBytes());
        assertEquals(OptionalLong.of(301456L * 1024), oneGb.availableBytes());
    }

    @Test
    void a_file_that_cannot_be_read_gives_no_value_rather_than_zero(@TempDir Path dir) {
        MachineMemory missing = new MachineMemory(dir.resolve("meminfo"));

        assertEquals(OptionalLong.empty(), missing.totalBytes());
        assertEquals(OptionalLong.empty(), missing.availableBytes());
    }

    @Test
    void a_missing_or_malformed_line_gives_no_value() {
        assertEquals(OptionalLong.empty(), MachineMemory.parse(List.of("MemFree: 1 kB"), "MemAvailable"));
        assertEquals(OptionalLong.empty(), MachineMemory.parse(List.of("MemTotal: lots kB"), "MemTotal"));
        assertEquals(OptionalLong.empty(), MachineMemory.parse(List.of("MemTotal: 12"), "MemTotal"));
        // A name that only starts like the one asked for is another line.
        assertEquals(OptionalLong.empty(), MachineMemory.parse(List.of("MemTotalX: 5 kB"), "MemTotal"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void this_machine_s_meminfo_has_some_memory_available_out_of_its_total() {
        MachineMemory here = new MachineMemory(MachineMemory.PROC_MEMINFO);

        long total = here.totalBytes().orElseThrow();
        long available = here.availableBytes().orElseThrow();
        assertTrue(total >= Runtime.getRuntime().maxMemory(), "MemTotal " + total + " below this JVM's heap maximum");
        assertTrue(available > 0 && available < total, "MemAvailable " + available + " of " + total);
    }
}
