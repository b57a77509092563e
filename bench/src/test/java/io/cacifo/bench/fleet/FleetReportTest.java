package io.cacifo.bench.fleet;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetReportTest {
    @Test
    void a_new_run_replaces_only_the_part_between_the_markers() {
        String doc = "# Fleet\nhand-written\n" + FleetReport.BEGIN + "\nold tables\n" + FleetReport.END + "\n## Plan\nmore\n";
        String section = FleetReport.BEGIN + "\nnew tables\n" + FleetReport.END + "\n";
        assertEquals("# Fleet\nhand-written\n" + section + "## Plan\nmore\n", FleetReport.replaceSection(doc, section));
    }

    @Test
    void a_doc_without_markers_is_left_alone() {
        assertEquals("# Fleet\n", FleetReport.replaceSection("# Fleet\n", FleetReport.BEGIN + "\nx\n" + FleetReport.END + "\n"));
    }

    @Test
    void the_goals_table_says_which_goal_a_run_missed() {
        RunResult fast = new RunResult(1000, Store.FEDERATION);
        fast.peakRssMb.put("prometheus", 2500.0);
        FleetQueries.Query overview = FleetQueries.all(Store.FEDERATION, "locker-0001").get(0);
        fast.queries.add(new RunResult.QueryTiming(overview, new Timings(List.of(10.0, 20.0, 250.0)), 980, null));
        String text = FleetReport.markdown(List.of(fast), "header");
        assertTrue(text.contains("| federation → Prometheus | 250 | yes | 2,500 | **no** |"), text);
    }

    @Test
    void percentiles_are_nearest_rank() {
        Timings timings = new Timings(List.of(5.0, 1.0, 3.0, 2.0, 4.0));
        assertEquals(3.0, timings.median());
        assertEquals(5.0, timings.percentile(95));
        assertEquals(5.0, timings.max());
    }
}
