package io.cacifo.e2e;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/measure-workflow is not run by CI otherwise; one run keeps it working as the locker changes. */
class WorkflowTimingsTest {
    @Test
    void one_timed_run_deposits_and_picks_up_and_prints_both_times() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            WorkflowTimings.main(new String[] {"1"});
        } finally {
            System.setOut(console);
        }
        String table = printed.toString(StandardCharsets.UTF_8);
        console.print(table);

        assertTrue(table.matches("(?s).*\\| code entry -> door open \\| \\d+\\.\\d \\|.*"), table);
        assertTrue(table.matches("(?s).*\\| door closed -> status stored \\| \\d+\\.\\d \\|.*"), table);
    }
}
