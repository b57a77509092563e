package io.cacifo.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessMemoryTest {
    @Test
    void rss_and_pss_are_read_in_kilobytes_from_smaps_rollup() {
        ProcessMemory memory = ProcessMemory.parse(String.join("\n",
                "55d0c0a00000-7ffd3b5f2000 ---p 00000000 00:00 0                          [rollup]",
                "Rss:               69432 kB",
                "Pss:               51012 kB",
                "Pss_Anon:          38000 kB",
                "Shared_Clean:      18000 kB"));

        assertEquals(69432, memory.rssKb());
        assertEquals(51012, memory.pssKb());
        assertEquals(67.8, memory.rssMb(), 0.05);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Rss: 100 kB", "Pss: 100 kB", "nothing to see"})
    void a_text_without_both_lines_is_refused(String text) {
        assertThrows(IllegalArgumentException.class, () -> ProcessMemory.parse(text));
    }

    @Test
    void this_jvm_has_resident_pages_and_shares_some_of_them() {
        ProcessMemory memory = ProcessMemory.of(ProcessHandle.current().pid());

        assertTrue(memory.rssKb() > 10_000, "a JVM maps more than 10 MB, got " + memory.rssKb() + " kB");
        assertTrue(memory.pssKb() <= memory.rssKb(), "PSS " + memory.pssKb() + " kB above RSS " + memory.rssKb() + " kB");
    }
}
