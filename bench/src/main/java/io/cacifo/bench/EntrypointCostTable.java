package io.cacifo.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** {@link EntrypointCost}'s runs as one Markdown table: per configuration and measure, before and after, median and range. */
final class EntrypointCostTable {
    private EntrypointCostTable() {
    }

    static String markdown(List<EntrypointCost.Run> runs, List<String> configs, int rounds) {
        MarkdownTable table = new MarkdownTable("configuration", "measure", "before: median (min–max)", "after: median (min–max)",
                "after − before (medians)");
        for (String config : configs) {
            row(table, runs, config, "start to first answer, ms", run -> run.startMs, 0);
            row(table, runs, config, "RSS 1 s after the first answer, MiB", run -> run.afterStart.rssMb(), 1);
            row(table, runs, config, "first scrape, ms", run -> run.scrapeMs, 0);
            row(table, runs, config, "RSS 1 s after the first scrape, MiB", run -> run.afterScrape.rssMb(), 1);
            row(table, runs, config, "PSS 1 s after the first scrape, MiB", run -> run.afterScrape.pssMb(), 1);
            row(table, runs, config, "series in the scrape", run -> run.seriesInScrape, 0);
        }
        return table.text() + "\n" + rounds + " runs of each app under each configuration, interleaved (before, after; then after, before).\n";
    }

    private static void row(MarkdownTable table, List<EntrypointCost.Run> runs, String config, String measure,
                            ToDoubleFunction<EntrypointCost.Run> value, int decimals) {
        List<Double> before = values(runs, config, "before", value);
        List<Double> after = values(runs, config, "after", value);
        table.row(config, measure, cell(before, decimals), cell(after, decimals), signed(median(after) - median(before), decimals));
    }

    private static List<Double> values(List<EntrypointCost.Run> runs, String config, String app, ToDoubleFunction<EntrypointCost.Run> value) {
        List<Double> values = runs.stream().filter(run -> run.config.equals(config) && run.app.equals(app))
                .map(run -> value.applyAsDouble(run)).collect(Collectors.toCollection(ArrayList::new));
        Collections.sort(values);
        return values;
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String cell(List<Double> sorted, int decimals) {
        return MarkdownTable.number(median(sorted), decimals) + " (" + MarkdownTable.number(sorted.get(0), decimals)
                + "–" + MarkdownTable.number(sorted.get(sorted.size() - 1), decimals) + ")";
    }

    private static String signed(double value, int decimals) {
        return (value >= 0 ? "+" : "−") + MarkdownTable.number(Math.abs(value), decimals);
    }
}
