package io.cacifo.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportFileTest {
    @Test
    void only_the_text_between_the_markers_is_replaced() {
        String existing = "# Performance\n\nHow to read this.\n\n" + ReportFile.BEGIN + "\nold numbers\n" + ReportFile.END
                + "\n\n## Why a target is missed\n\nBecause.\n";

        String merged = ReportFile.merge(existing, "new numbers\n");

        assertEquals("# Performance\n\nHow to read this.\n\n" + ReportFile.BEGIN + "\nnew numbers\n" + ReportFile.END
                + "\n\n## Why a target is missed\n\nBecause.\n", merged);
    }

    @Test
    void a_file_without_markers_keeps_its_text_and_gets_them_at_the_end() {
        String merged = ReportFile.merge("# Performance\n\nNotes.\n", "numbers");

        assertTrue(merged.startsWith("# Performance\n\nNotes.\n\n" + ReportFile.BEGIN + "\nnumbers\n" + ReportFile.END), merged);
    }

    @Test
    void a_new_file_gets_a_title() {
        assertTrue(ReportFile.merge("", "numbers").startsWith("# Performance\n\n" + ReportFile.BEGIN));
    }
}
