package io.cacifo.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntrypointCostTableTest {
    private static EntrypointCost.Run run(String app, int round, long startMs, long rssAfterScrapeKb) {
        return new EntrypointCost.Run("tuned", app, round, startMs, new ProcessMemory(40 * 1024, 30 * 1024), 10,
                new ProcessMemory(rssAfterScrapeKb, 30 * 1024), app.equals("after") ? 65 : 0);
    }

    @Test
    void each_measure_shows_the_median_and_range_of_before_and_after_and_the_difference_of_the_medians() {
        List<EntrypointCost.Run> runs = List.of(
                run("before", 1, 200, 44 * 1024), run("after", 1, 230, 46 * 1024),
                run("after", 2, 250, 47 * 1024), run("before", 2, 300, 44 * 1024),
                run("before", 3, 210, 45 * 1024), run("after", 3, 900, 46 * 1024));

        String table = EntrypointCostTable.markdown(runs, List.of("tuned"), 3);

        assertTrue(table.contains("| tuned | start to first answer, ms | 210 (200–300) | 250 (230–900) | +40 |"), table);
        assertTrue(table.contains("| tuned | RSS 1 s after the first scrape, MiB | 44.0 (44.0–45.0) | 46.0 (46.0–47.0) | +2.0 |"), table);
        assertTrue(table.contains("| tuned | series in the scrape | 0 (0–0) | 65 (65–65) | +65 |"), table);
    }

    @Test
    void an_even_number_of_runs_takes_the_middle_two_s_mean_as_the_median() {
        assertEquals(2.5, EntrypointCostTable.median(List.of(1.0, 2.0, 3.0, 10.0)));
        assertEquals(3.0, EntrypointCostTable.median(List.of(1.0, 3.0, 10.0)));
    }
}
